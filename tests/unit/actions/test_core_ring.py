"""pmdesk.actions is core: importing it must not load Qt (DESIGN.md, three rings)."""

from __future__ import annotations

import subprocess
import sys


def test_actions_import_no_qt() -> None:
    code = (
        "import sys, pmdesk.actions, pmdesk.actions.tracker, pmdesk.actions.export;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pmdesk.ui'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
