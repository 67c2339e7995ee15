"""The text of an HTML page's bytes: the charset it declares, decoded as a browser does.

A browser looks for the charset before it parses: a byte order mark, then an
XML declaration or a ``<meta charset>`` (or ``http-equiv``) in the first
64 KiB before ``<body>``, and reads a few labels as the Windows code page
that extends them. So does :func:`page_text`, so that a page saved from a
browser reads as the browser showed it.
"""

from __future__ import annotations

import re

from threadkit._io import Errors, codec, undecodable
from threadkit._io import decode as decode_shared
from threadkit.errors import ParseError
from threadkit.formats.html._templates import FORMAT

_META_CHARSET = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"^<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._\-]+)", re.I)
_HEAD_END = re.compile(rb"<body\b|</head\s*>", re.IGNORECASE)
_PRESCAN = 1 << 16
# Labels browsers decode differently from what Python's codec of that name does.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
}


def declared_encoding(data: bytes) -> str | None:
    """The encoding *data* declares in a byte order mark, a ``<meta>`` or an XML declaration.

    Returns a Python codec name, or ``None`` when nothing usable is declared.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:_PRESCAN]
    end = _HEAD_END.search(head)
    if end is not None:
        head = head[: end.start()]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return _browser_codec(match.group(1).decode("ascii").lower())


def _browser_codec(label: str) -> str | None:
    label = _ALIASES.get(label, label)
    try:
        name = codec(label)
    except LookupError:
        return None
    # A page cannot declare UTF-16 in its own text: the HTML standard reads that as UTF-8.
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def _chosen_codec(data: bytes, encoding: str | None) -> str | None:
    # The codec the caller names, else the one the page declares.
    if encoding is None:
        return declared_encoding(data)
    name = _browser_codec(encoding.lower())
    if name is None:
        raise LookupError(f"unknown encoding {encoding!r}")
    return name


def decode_page(data: bytes, *, encoding: str | None = None, errors: Errors = "replace") -> str:
    """Decode an HTML document's bytes as a browser would.

    *encoding*, when given, wins; then a byte order mark; then a declared
    charset; then the rules every reader shares: UTF-8, or windows-1252
    when the bytes before the first one that is not UTF-8 are all ASCII.
    Undecodable bytes become U+FFFD, or with ``errors="strict"`` raise a
    :class:`~threadkit.ParseError` naming the byte offset.
    """
    name = _chosen_codec(data, encoding)
    if name is None:
        return decode_shared(data, format=FORMAT, errors=errors)
    skipped = 0
    if name == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        skipped = 3
    try:
        return data.decode(name, errors)
    except UnicodeError as error:
        raise undecodable(error, name, FORMAT, skipped) from None


def page_text(data: str | bytes, encoding: str | None, errors: Errors) -> tuple[str, bytes | None]:
    """The document as text, and as UTF-8 bytes when those came for free.

    A ``str`` is taken as it is, less a byte order mark; ``bytes`` are
    decoded in *encoding*, else in the charset the page declares, else by
    the rules every reader shares (see :func:`decode_page`).

    Raises:
        TypeError: *data* is neither text nor bytes.
        LookupError: *encoding* names no codec.
        ParseError: undecodable bytes with ``errors="strict"``.
    """
    if isinstance(data, str):
        return (data[1:] if data.startswith("\ufeff") else data), None
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    raw = bytes(data)
    name = _chosen_codec(raw, encoding)
    if name in (None, "utf-8"):
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            return raw.decode("utf-8"), raw
        except UnicodeDecodeError:
            pass
    decoded = decode_page(raw, encoding=encoding, errors=errors)
    return (decoded[1:] if decoded.startswith("\ufeff") else decoded), None


def page_bytes(text: str, utf8: bytes | None) -> bytes:
    """The document as UTF-8 for lxml: *utf8* when :func:`page_text` gave it, else *text* encoded.

    Raises:
        ParseError: *text* holds a lone surrogate, which UTF-8 cannot carry
            (with its line and column).
    """
    if utf8 is not None:
        return utf8
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        at = error.start
        raise ParseError(
            f"input holds a lone surrogate (U+{ord(text[at]):04X}) at index {at}",
            format=FORMAT,
            line=text.count("\n", 0, at) + 1,
            column=at - text.rfind("\n", 0, at),
        ) from None
