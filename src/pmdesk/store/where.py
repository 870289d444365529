"""Where a library lives, known without SQLAlchemy: the start-up look and the engine share it.

``--library`` (or ``PMDESK_LIBRARY``) names a file or a database URL; with
neither, the library is a file in the user's data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Stamped into every SQLite library ("pmdk"), so another program's database is told apart.
APPLICATION_ID = 0x706D646B
ENV_LIBRARY = "PMDESK_LIBRARY"


def requested(location: str | os.PathLike[str] | None) -> str | None:
    """What the user asked for: the argument, else the environment; None for the default."""
    raw = location or os.environ.get(ENV_LIBRARY) or None
    return None if raw is None else os.fspath(raw)


def default_library_path() -> Path:
    """The library file in the user's data folder (created on first use)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("pmdesk", appauthor=False)) / "library.pmdesk"


def library_file(location: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file a location names as a plain path or by default; None for a URL."""
    raw = requested(location)
    if raw is None:
        return default_library_path()
    if "://" in raw:
        return None
    return Path(raw).expanduser().resolve()
