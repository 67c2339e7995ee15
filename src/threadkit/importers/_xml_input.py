"""XML input for the importers: any encoding made UTF-8, then read as a stream, safely.

:func:`xml_stream` turns a source into UTF-8 bytes by the rules every
reader shares, counting them against ``max_bytes`` as they are read;
:class:`XMLReader` feeds them to lxml in chunks and yields the elements
asked for as each is complete. The rest are helpers for reading an element.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import IO, Any, cast

import lxml.etree

from threadkit._io import Source, codec, read_limited, take, too_big, undecodable
from threadkit.errors import ParseError
from threadkit.importers._clean import Notes
from threadkit.importers._options import ImportOptions

__all__ = [
    "XMLReader",
    "element_json",
    "local_name",
    "release",
    "source_line",
    "split_element",
    "xml_stream",
]


def xml_stream(
    data: Source | bytearray | memoryview, format: str, options: ImportOptions
) -> IO[bytes]:
    """A binary stream of UTF-8 for lxml, whatever the source and its encoding."""
    if isinstance(data, bytes | bytearray | memoryview):
        data = io.BytesIO(data)
    elif not isinstance(data, str) and isinstance(data.read(0), str):
        data = read_limited(data, options.max_bytes)
    if isinstance(data, str):
        text = take(data, format=format, max_bytes=options.max_bytes)
        assert isinstance(text, str)
        try:
            return io.BytesIO(text.encode("utf-8"))
        except UnicodeEncodeError as error:
            raise ParseError(
                f"input holds a lone surrogate (U+{ord(text[error.start]):04X})",
                format=format,
                offset=error.start,
            ) from None
    return cast(IO[bytes], _Transcoded(cast(IO[bytes], data), format, options))


_XML_DECLARATION = re.compile(
    rb"<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']", re.ASCII
)


class _Transcoded:
    """An XML source read as UTF-8, counted against ``max_bytes`` as it is read.

    The encoding is the caller's, else the byte order mark's, else the XML
    declaration's; undeclared input is UTF-8, read as windows-1252 instead
    when the bytes before the first one that is not UTF-8 are all ASCII,
    as :func:`threadkit._io.decode` does. Valid UTF-8 passes through as it is.
    """

    def __init__(self, stream: IO[bytes], format: str, options: ImportOptions) -> None:
        self._stream = stream
        self._format = format
        self._max = options.max_bytes
        self._errors = options.errors
        self._seen = 0  # bytes taken from the source
        self._fed = 0  # offset in the source of the next byte to convert
        self._tail = b""  # the start of a UTF-8 sequence cut by a read
        self._ascii = True
        self._out = b""
        self._done = False
        self._pending = b""
        self._name = None if options.encoding is None else codec(options.encoding)
        self._decoder: codecs.IncrementalDecoder | None = None
        self._started = False

    def _start(self) -> None:
        # On the first read, so that a problem is raised while iterating.
        self._started = True
        self._pending = self._raw(1024)
        if self._name is None:
            self._name = self._declared()
        if self._name == "utf-8":
            # Declared UTF-8 passes through as it is, checked, with no fallback.
            self._ascii = False
        elif self._name is not None:
            self._decoder = codecs.getincrementaldecoder(self._name)(self._errors)

    def _declared(self) -> str | None:
        head = self._pending
        if head.startswith(b"\xef\xbb\xbf"):
            return "utf-8-sig"
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        # After any text before the first tag, which recover=True skips.
        match = _XML_DECLARATION.match(head, max(head.find(b"<"), 0))
        if match is None:
            return None
        label = match.group(1).decode("ascii")
        try:
            return codec(label)
        except LookupError:
            raise ParseError(
                f"the XML declaration names an unknown encoding, {label!r}; "
                "pass the right encoding=",
                format=self._format,
                line=1,
            ) from None

    def _raw(self, size: int) -> bytes:
        if self._max is not None:
            size = min(size, self._max + 1 - self._seen)
        chunk = self._stream.read(size)
        if not isinstance(chunk, bytes):
            raise TypeError("expected a binary stream")
        self._seen += len(chunk)
        if self._max is not None and self._seen > self._max:
            raise too_big(self._format, self._max)
        return chunk

    def read(self, size: int = -1) -> bytes:
        if not self._started:
            self._start()
        while not self._done and (size < 0 or len(self._out) < size):
            if self._pending:
                chunk, self._pending = self._pending, b""
            else:
                chunk = self._raw(1 << 16)
            self._done = not chunk
            self._out += self._convert(chunk, self._done)
        if size < 0:
            out, self._out = self._out, b""
        else:
            out, self._out = self._out[:size], self._out[size:]
        return out

    def _convert(self, chunk: bytes, final: bool) -> bytes:
        if self._decoder is not None:
            return self._decode(chunk, final)
        data = self._tail + chunk
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError as error:
            if self._ascii and data[: error.start].isascii():
                self._name = "cp1252"
            elif self._errors == "replace":
                self._name = "utf-8"
            else:
                raise undecodable(error, "utf-8", self._format, self._fed) from None
            self._decoder = codecs.getincrementaldecoder(self._name)(self._errors)
            self._tail = b""
            return self._decode(data, final)
        self._ascii = self._ascii and text.isascii()
        self._tail = data[used:]
        self._fed += used
        return data[:used]

    def _decode(self, data: bytes, final: bool) -> bytes:
        assert self._decoder is not None
        assert self._name is not None
        buffered = len(self._decoder.getstate()[0])
        try:
            text = self._decoder.decode(data, final)
        except UnicodeError as error:
            raise undecodable(error, self._name, self._format, self._fed - buffered) from None
        self._fed += len(data)
        return text.encode("utf-8", "surrogatepass")


_XML_CHUNK = 1 << 16

# The errors after which libxml2 reads no further even when recovering: a
# resource limit, under the name each libxml2 release gives it.
_XML_STOPS = frozenset({"ERR_RESOURCE_LIMIT", "ERR_ENTITY_LOOP", "ERR_NO_MEMORY"})


class XMLReader:
    """Elements of an XML document read as a stream, safely.

    External entities, DTDs and the network are never used. A document that
    is not well-formed raises :class:`ParseError` with its line and column,
    unless ``options.recover`` is true: then text before the first tag is
    skipped and lxml reads what it can, each problem it met becoming a repair
    note (:meth:`problems`).
    """

    def __init__(
        self, data: Source, format: str, options: ImportOptions, *, tags: Sequence[str]
    ) -> None:
        stream = xml_stream(data, format, options)
        self.format = format
        self.recover = recover = options.recover
        self.skipped = 0
        if recover:
            stream = self._skip_junk(stream)
        self._stream = stream
        # A pull parser fed by hand rather than iterparse: how many bytes
        # iterparse reads at a time, and whether it hands out the elements
        # parsed before an error, changed between lxml releases. Fed here,
        # every element completed before a problem is yielded first, on
        # every lxml. An export may be hostile: no entity is expanded, no DTD
        # or network resource loaded, and libxml2 keeps its size limits.
        self._parser = lxml.etree.XMLPullParser(
            events=("end",),
            tag=tags,
            encoding="utf-8",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            recover=recover,
        )
        self._reported = 0

    def _skip_junk(self, stream: IO[bytes]) -> IO[bytes]:
        # The stream is UTF-8 without a byte order mark (see _Transcoded).
        head = stream.read(65536)
        first = head.find(b"<")
        if first > 0:
            self.skipped = first
            head = head[first:]
        return cast(IO[bytes], _Prefixed(head, stream))

    def __iter__(self) -> Iterator[lxml.etree._Element]:
        parser = self._parser
        try:
            while chunk := self._stream.read(_XML_CHUNK):
                try:
                    parser.feed(chunk)
                finally:
                    # Before the error, if any: what was whole before it.
                    yield from self._ready()
                if self.recover and self._stopped():
                    # libxml2 refused something for good (an entity
                    # amplification): recovering, some releases then close
                    # the open elements as if they had ended. They did not:
                    # nothing after the refusal is read.
                    return
            try:
                parser.close()
            finally:
                yield from self._ready()
        except lxml.etree.XMLSyntaxError as error:
            line, column = error.position
            hint = "" if self.recover else "; pass recover=True to read what can be recovered"
            # lxml says line 0, column 0 for input with no element at all.
            raise ParseError(
                f"not well-formed XML: {error.msg}{hint}",
                format=self.format,
                line=max(line, 1),
                column=max(column, 1),
            ) from None

    def _ready(self) -> Iterator[lxml.etree._Element]:
        for _, found in self._parser.read_events():
            # Only "end" events are asked for: each is an element.
            element = cast(lxml.etree._Element, found)
            if self.recover:
                self._check_decodable(element)
            yield element

    def _stopped(self) -> bool:
        return any(entry.type_name in _XML_STOPS for entry in self._log())

    def _log(self) -> list[lxml.etree._LogEntry]:
        return list(self._parser.feed_error_log)

    def _check_decodable(self, element: lxml.etree._Element) -> None:
        # Recovering, libxml2 keeps a reference to a lone surrogate (&#xD800;)
        # as bytes that are not UTF-8, and lxml fails with UnicodeDecodeError
        # wherever they are read: look here, where the line is known.
        for node in element.iter():
            try:
                node.tag, node.text, node.attrib.items()
            except UnicodeDecodeError:
                raise ParseError(
                    "a character reference to a lone surrogate (such as &#xD800;), "
                    "which even recovering cannot read",
                    format=self.format,
                    line=source_line(node) or source_line(element),
                ) from None

    def problems(self, notes: Notes, *, before: int | None = None) -> None:
        """Record the problems met so far as repairs in *notes*.

        With *before*, only those on lines before it: lxml reads ahead, so
        its log may already hold problems that belong to what comes next.
        """
        if self.skipped:
            notes.repair("document", f"skipped {self.skipped} byte(s) before the first tag")
            self.skipped = 0
        if not self.recover:
            return
        log = self._log()
        while self._reported < len(log):
            entry = log[self._reported]
            if before is not None and entry.line >= before:
                break
            notes.repair(
                f"document line {entry.line}, column {entry.column}",
                f"{entry.message.strip()}; recovered",
            )
            self._reported += 1


class _Prefixed:
    """A binary stream that first serves *head*, then the rest of *stream*."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                out, self._head = self._head + self._stream.read(), b""
                return out
            out, self._head = self._head[:size], self._head[size:]
            return out
        return self._stream.read(size)


def release(element: lxml.etree._Element) -> None:
    """Free *element* and the siblings before it, once they have been read."""
    element.clear(keep_tail=True)  # type: ignore[call-arg]
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def local_name(element: lxml.etree._Element) -> str:
    tag: object = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def source_line(element: lxml.etree._Element) -> int | None:
    """The line *element* starts on, when lxml knows it."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def element_json(element: lxml.etree._Element, prefix: Callable[[str], str]) -> Any:
    """An XML element as JSON: its text, or a mapping of its children and attributes.

    Text is stripped of surrounding white space and empty children are left
    out; children with the same name make a list; *prefix* names a namespace
    (``"{uri}name"`` to ``"wp:name"``). Nesting is cut at the model's
    ``extra`` depth by :meth:`Notes.extra` later, and lxml itself refuses
    documents nested more than 256 levels, so this recursion is bounded.
    """
    children = [child for child in element if isinstance(child.tag, str)]
    attributes = {prefix(str(name)): str(value) for name, value in element.attrib.items()}
    if not children and not attributes:
        return (element.text or "").strip()
    out: dict[str, Any] = dict(attributes)
    listed: set[str] = set()
    for child in children:
        name = prefix(child.tag)
        value = element_json(child, prefix)
        if value != "":  # an empty element says nothing
            _gather(out, listed, name, value)
    text = (element.text or "").strip()
    if text:
        out["#text"] = text
    return out


def split_element(
    element: lxml.etree._Element, prefix: Callable[[str], str], mapped: Collection[str]
) -> tuple[dict[str, lxml.etree._Element], dict[str, Any]]:
    """An element's children by name (the first of each), and the rest as JSON.

    The rest is :func:`element_json` of the element without the children and
    attributes named in *mapped*, which the importer reads itself.
    """
    children: dict[str, lxml.etree._Element] = {}
    rest: dict[str, Any] = {}
    for name, value in element.attrib.items():
        key = prefix(str(name))
        if key not in mapped:
            rest[key] = str(value)
    listed: set[str] = set()
    for child in element:
        tag: object = child.tag
        if not isinstance(tag, str):
            continue
        name = prefix(tag)
        if name not in children:
            children[name] = child
        if name in mapped:
            continue
        value = element_json(child, prefix)
        if value != "":
            _gather(rest, listed, name, value)
    return children, rest


def _gather(out: dict[str, Any], listed: set[str], name: str, value: Any) -> None:
    """Add *value* to *out* under *name*; a name met again holds a list of its values."""
    if name not in out:
        out[name] = value
    elif name in listed:
        out[name].append(value)
    else:
        out[name] = [out[name], value]
        listed.add(name)
