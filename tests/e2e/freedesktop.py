"""Read a .desktop file the way the Desktop Entry Specification (1.5) says a menu reads it.

Used to check that what install.sh writes starts the program it installed, whatever
characters the install folder's name holds.
"""

from __future__ import annotations

_STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\", ";": ";"}
_QUOTED_ESCAPES = set('"`$\\')


def parse_entry(text: str) -> dict[str, str]:
    """The keys of the [Desktop Entry] group (raw values, escapes not yet applied)."""
    group = None
    keys: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            group = line
            continue
        if group == "[Desktop Entry]":
            key, sep, value = raw.partition("=")
            if not sep:
                raise ValueError(f"not a key=value line: {raw!r}")
            if key.strip() in keys:
                raise ValueError(f"duplicate key {key.strip()!r}")
            keys[key.strip()] = value.strip()
    return keys


def unescape_string(value: str) -> str:
    """The string-type escapes (\\s \\n \\t \\r \\\\), applied before Exec is split."""
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if following not in _STRING_ESCAPES:
                # GLib refuses such a key ("invalid escape sequence"), so the menu would too.
                raise ValueError(f"invalid escape \\{following} in a desktop entry string")
            out.append(_STRING_ESCAPES[following])
        else:
            out.append(char)
    return "".join(out)


def split_exec(value: str) -> list[str]:
    """Exec's arguments after quoting rules; field codes like %f are kept as they are."""
    text = unescape_string(value)
    args: list[str] = []
    current: list[str] = []
    in_arg = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"':
            in_arg = True
            i += 1
            while True:
                if i >= len(text):
                    raise ValueError("unterminated quote in Exec")
                char = text[i]
                if char == "\\" and i + 1 < len(text) and text[i + 1] in _QUOTED_ESCAPES:
                    current.append(text[i + 1])
                    i += 2
                    continue
                if char == '"':
                    i += 1
                    break
                if char == "%" and text[i + 1 : i + 2] == "%":
                    current.append("%")
                    i += 2
                    continue
                if char in "`$\\":
                    raise ValueError(f"unescaped {char!r} inside a quoted Exec argument")
                current.append(char)
                i += 1
            continue
        if char == " ":
            if in_arg:
                args.append("".join(current))
                current, in_arg = [], False
            i += 1
            continue
        if char == "%" and i + 1 < len(text) and text[i + 1] == "%":
            current.append("%")
            in_arg = True
            i += 2
            continue
        current.append(char)
        in_arg = True
        i += 1
    if in_arg:
        args.append("".join(current))
    return args
