"""journeysite: customer journey maps from Markdown + YAML, as an MkDocs site.

Plugins implement the hooks of ``journeysite.hookspecs`` with ``@hookimpl``.
"""
from __future__ import annotations

import pluggy

from .hookspecs import PROJECT

hookimpl = pluggy.HookimplMarker(PROJECT)

__all__ = ["hookimpl", "PROJECT"]
