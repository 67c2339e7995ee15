"""Code a type checker must refuse: every line marked ``# error`` is an error, no other is.

Each mistake here fails at run time too; the types say so before it runs.
"""

from __future__ import annotations

import threadkit
from threadkit import Article, Author, Comment

article = Article(title="T")

# Constructors: the wrong kind of value.
Article(title="T", tags=[1, 2])  # error
Article(title="T", authors=["Ann"])  # error
Comment(text="x", replies=[Author(name="Ann")])  # error
Comment(text="x", state=3)  # error
Comment(text="x", extra=[("a", 1)])  # error
Article(headline="T")  # error

# Options: a misspelt one, or one the format named does not take.
threadkit.loads("x", format="json", max_comment=10)  # error
threadkit.loads("x", format="json", url="https://example.org/")  # error
threadkit.loads("x", format="text", orphans="keep")  # error
threadkit.loads("x", format="json", duplicates="last")  # error
threadkit.loads("x", format="jsonl", orphans="adopt")  # error
threadkit.loads("x", format="jsonl", cycles="break")  # error
threadkit.loads("x", format="reddit", spill_after=10)  # error
threadkit.load("page.html", max_comment=3)  # error
threadkit.dumps(article, "html", fragmnt=True)  # error
threadkit.dumps(article, "json", fragment=True)  # error
threadkit.dumps(article, fragment=True)  # error
threadkit.dump(article, "out.html", max_nesting="3")  # error
fmt = "json"
threadkit.loads("x", format=fmt, url="https://example.org/")  # error
threadkit.loads("x", format="json", errors="ignore")  # error
threadkit.loads_all("x", format="disqus", post_types=["post"])  # error

# Policies that do not exist.
threadkit.tree.rebuild([], duplicates="newest")  # error
threadkit.frames.from_frame(threadkit.frames.to_frame(article), orphans="adopt")  # error

# Lookups take ids or comments.
article.parent(3)  # error
article.find(3)  # error
