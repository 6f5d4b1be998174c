"""Source files as UTF-8 text, with a problem instead of an exception for bad bytes."""
from __future__ import annotations

from .i18n import _
from .problems import FILE, Problem


def decode_utf8(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    """(text, None), or (None, a problem at the line of the first bad byte)."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, Problem(path, line, _("not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
                                           byte=raw[exc.start]), layer=FILE)
