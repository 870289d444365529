"""Caps on what an import may read, so a hostile file cannot exhaust memory.

PITFALLS IM-03 and IM-11: a zip bomb or a 1 GB channel file must be refused
before it is decompressed or parsed, with a message naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_entries: int = 20_000
    max_file_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 512 * 1024 * 1024
    max_ratio: float = 200.0
    max_text_chars: int = 40_000
    max_messages: int = 2_000_000


DEFAULT_LIMITS = Limits()
