"""Source files as UTF-8 text, with a problem instead of an exception for bad bytes."""
from __future__ import annotations

from .i18n import _
from .problems import FILE, Problem


def decode_utf8(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    """(text, None), or (None, a problem at the line of the first bad byte). Line ends are read
    as MkDocs reads them: CR LF and a lone CR (old Mac files) are newlines."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        return None, Problem(path, line, _("not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
                                           byte=raw[exc.start]), layer=FILE)
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), None
