"""Qt rendering tests for figures: offscreen, chosen before PySide6 is first imported."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
