"""The markup of threadkit's pages, which the writer makes and the readers expect."""

from __future__ import annotations

FORMAT = "html"

VERSION = "1"

STYLESHEET = """\
:root{color-scheme:light dark;--tk-indent:clamp(.6rem,3vw,1.5rem);--tk-line:#8886}
*,::before,::after{box-sizing:border-box}
body{margin:0;padding:1rem;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.tk-article{max-width:44rem;margin:0 auto}
.tk-article :is(h1,p,li,[itemprop=name]){white-space:pre-wrap;overflow-wrap:anywhere}
.tk-article h1{font-size:clamp(1.6rem,6vw,2.4rem);line-height:1.15;margin:.2em 0}
.tk-site{margin:0;font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;opacity:.75}
.tk-subtitle{margin:0 0 1rem;font-size:1.2rem;opacity:.8}
.tk-byline{margin:1rem 0}
.tk-author{margin:.3rem 0}
.tk-author>p{margin:0;font-weight:600}
.tk-bio{font-size:.9rem;opacity:.8}
.tk-bio p{margin:.15rem 0}
.tk-meta{font-size:.9rem;opacity:.8}
.tk-tags{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0;padding:0;list-style:none}
.tk-tags li{padding:0 .6rem;border:1px solid var(--tk-line);border-radius:1rem;font-size:.85rem}
.tk-comments{margin-top:2rem;border-top:1px solid var(--tk-line)}
.tk-comments h2{display:inline;font-size:1.3rem}
.tk-comments summary{cursor:pointer}
.tk-c{margin:.7rem 0 0;padding:.1rem 0 .1rem .7rem;border-left:3px solid var(--tk-line)}
.tk-c>:not(.tk-text){margin-right:.5rem;font-size:.85rem;opacity:.85}
.tk-who{font-weight:600}
.tk-edited::before{content:"edited "}
.tk-state{font-weight:700;text-transform:uppercase;color:#c33}
.tk-gone .tk-text{opacity:.6}
.tk-text p{margin:.25rem 0}
.tk-re{display:block;font-size:.8rem}
.tk-replies{margin-left:var(--tk-indent)}
.tk-replies>summary{margin-top:.3rem;font-size:.8rem;opacity:.7}
"""
