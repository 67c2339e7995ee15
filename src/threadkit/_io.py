"""Bytes in and out: decoding input and writing files atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile

from threadkit.errors import ParseError


def decode(data: str | bytes, *, format: str) -> str:
    """Return *data* as text: UTF-8 (a BOM is dropped) or UTF-16 with a BOM."""
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ParseError(
            f"input is not valid {encoding.replace('-sig', '').upper()}: {error.reason}",
            format=format,
            offset=error.start,
        ) from None


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* so that the file is either complete or untouched."""
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(
        dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
    )
    try:
        os.chmod(temporary, _new_file_mode(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _new_file_mode(target: str) -> int:
    # mkstemp makes the file private; give it the mode an ordinary open() would.
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
