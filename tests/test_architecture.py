"""Promises of the design: the core never imports MkDocs (labels and messages: test_catalogue.py)."""
from __future__ import annotations

import subprocess
import sys

CORE = ["journeysite.build", "journeysite.cli", "journeysite.export", "journeysite.scaffold",
        "journeysite.directives", "journeysite.manager"]


def test_core_and_cli_never_import_mkdocs() -> None:
    code = ("import sys\n" + "".join(f"import {m}\n" for m in CORE) +
            "from journeysite.manager import make_manager\nmake_manager()\n"
            "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
