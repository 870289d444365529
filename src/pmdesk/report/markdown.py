"""Markdown for wikis, and plain text for the GUI's live preview, from the neutral document.

User text is escaped so that a factor reading ``*never* <b>`` shows those characters
instead of turning into emphasis or HTML on the wiki. Markdown cannot carry the
pictures themselves: given a folder, each figure is an image link to ``figure-N.png``
in it (``write_report`` writes those files beside the ``.md``); without one, each
figure becomes a line that names it and says where to find it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from pmdesk.report.document import (
    Block,
    BulletList,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
)
from pmdesk.text import shown_text

# Characters that start emphasis, code, links, HTML, entities, tables or headings anywhere.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# Characters that start a list, a setext underline or an ordered list at the start of a line.
_LINE_START = re.compile(r"^([ \t]*)([-+=]|\d+(?=[.)]))", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


# A zero-width space, written as an entity so the source says what it is. Put where a
# renderer or a spreadsheet would act on the text, it stops that and shows nothing.
_ZWSP = "&#8203;"
# "@name" where a wiki or GitHub would notify that person (not inside an e-mail address).
_MENTION = re.compile(r"(?<![\w.+\-])@(?=\w)")
# "https://…", "ftp://…" and "www.…", which GFM renderers turn into links on their own.
_BARE_URL = re.compile(r"(?i)\b(https?|ftp)(?=:/)|\b(www)(?=\.)")
# A line that opens like a spreadsheet formula (=, +, -, @) when the table is pasted.
_FORMULA = re.compile(r"^([ \t]*)(?=\\?[=+\-@])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Text that CommonMark shows literally; line breaks become hard breaks.

    Beyond markup, three things stay inert: @-mentions notify nobody, bare URLs do not
    become links, and a line does not start like a spreadsheet formula.
    """
    text = _BLANK_LINES.sub("\n", shown_text(text).strip())
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(_escape_marker, text)
    text = _MENTION.sub("@" + _ZWSP, text)
    text = _BARE_URL.sub(lambda m: (m.group(1) or m.group(2)) + _ZWSP, text)
    text = _FORMULA.sub(lambda m: m.group(1) + _ZWSP, text)
    return text.replace("\n", "\\\n")


def _inline(text: str) -> str:
    """Escaped text on one line, for headings, labels and table titles that cannot break."""
    return escape_markdown(" ".join(shown_text(text).split("\n")))


def _escape_marker(match: re.Match[str]) -> str:
    """Keep a line of prose that starts like a list marker ("3." or "-") from becoming a list."""
    indent, marker = match.group(1), match.group(2)
    if marker.isdigit():
        return f"{indent}{marker}\\"  # "3." → "3\." keeps the number, drops the list
    return f"{indent}\\{marker}"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: escaped, line breaks as <br>, never empty."""
    return escape_markdown(text).replace("\\\n", "<br>") or " "


def _titled_cell(text: str) -> str:
    """A cell whose first line is its bold title, as in the timeline's "What happened"."""
    title, _, rest = text.partition("\n")
    shown = f"**{_cell(title)}**" if title.strip() else _cell(title)
    return shown + (f"<br>{_cell(rest)}" if rest.strip() else "")


def _paragraph(block: Paragraph) -> str:
    """A paragraph with its lead-in in bold; the body is escaped, so no typed text is markup."""
    body = escape_markdown(block.text)
    if block.label:
        return f"**{_inline(block.label)}** {body}".rstrip()
    return body


def figure_files(document: Document) -> list[tuple[str, bytes]]:
    """The document's figures as (file name, PNG bytes), in the order ``to_markdown`` links them."""
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    return [(f"figure-{n}.png", f.png) for n, f in enumerate(figures, start=1)]


def to_markdown(document: Document, figure_folder: str | None = None) -> str:
    """The whole report as CommonMark (with GitHub-style tables).

    ``figure_folder`` is the folder, relative to the ``.md``, holding ``figure_files``;
    None when the figures are not written (bytes only), so each is named instead.
    """
    out = [f"# {_inline(document.title)}", "", f"*{_inline(document.subtitle)}*"]
    figure = 0
    for block in document.blocks:
        out.append("")
        if isinstance(block, Figure) and figure_folder is not None:
            figure += 1
            out.append(_image(block, f"{figure_folder}/figure-{figure}.png"))
        else:
            out.append(_markdown_block(block))
    return "\n".join(out).rstrip() + "\n"


def _image(block: Figure, relative: str) -> str:
    """An image link whose alt text is the caption, with the caption shown under it too."""
    caption = _inline(block.caption)
    return f"![{caption}](<{quote(relative)}>)\\\n*{caption}*"


def _markdown_block(block: Block) -> str:
    """One block as GitHub-flavoured Markdown; figures are named when there is no file."""
    if isinstance(block, Heading):
        return "#" * min(block.level + 1, 6) + " " + _inline(block.text)
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, BulletList):
        return "\n".join("- " + _paragraph(item).replace("\n", "\n  ") for item in block.items)
    if isinstance(block, Table):
        lines = [
            "| " + " | ".join(_cell(c) for c in block.columns) + " |",
            "|" + "|".join(" --- " for _ in block.columns) + "|",
        ]
        lines += [
            "| "
            + " | ".join(
                _titled_cell(c) if n == block.titled_column else _cell(c) for n, c in enumerate(row)
            )
            + " |"
            for row in block.rows
        ]
        if block.caption:
            lines += ["", "*" + escape_markdown(block.caption) + "*"]
        return "\n".join(lines)
    if isinstance(block, Figure):
        return (
            f"*Figure: {_inline(block.caption)} (not included in this Markdown text; "
            "it is in the Word and PDF reports).*"
        )
    title = f"**{_inline(block.title)}**\\\n" if block.title else ""
    return "> " + (title + escape_markdown(block.text)).replace("\n", "\n> ")


def to_plain_text(document: Document) -> str:
    """The report as readable plain text, for a preview pane that shows text only."""
    out = [document.title, "=" * min(len(document.title), 80), document.subtitle]
    for block in document.blocks:
        out.append("")
        out.append(_plain_block(block))
    return "\n".join(out).rstrip() + "\n"


def _plain_block(block: Block) -> str:
    """One block as plain text for email and chat: tables become one bullet per row."""
    if isinstance(block, Heading):
        text = shown_text(block.text)
        return f"{text}\n{('=' if block.level == 1 else '-') * min(len(text), 80)}"
    if isinstance(block, Paragraph):
        return _plain_paragraph(block)
    if isinstance(block, BulletList):
        return "\n".join(
            "• " + _plain_paragraph(item).replace("\n", "\n  ") for item in block.items
        )
    if isinstance(block, Table):
        rows = []
        for row in block.rows:
            cells = [
                f"{shown_text(name)}: {shown_text(value)}" if name else shown_text(value)
                for name, value in zip(block.columns, row, strict=False)
                if value
            ]
            rows.append("• " + "\n  ".join(c.replace("\n", "\n  ") for c in cells))
        if block.caption:
            rows.append(shown_text(block.caption))
        return "\n".join(rows)
    if isinstance(block, Figure):
        return f"[Figure: {shown_text(block.caption)}]"
    title = f"{shown_text(block.title)}: " if block.title else ""
    return "| " + (title + shown_text(block.text)).replace("\n", "\n| ")


def _plain_paragraph(block: Paragraph) -> str:
    """A paragraph with its lead-in, as plain text."""
    text = shown_text(block.text)
    return f"{shown_text(block.label)} {text}" if block.label else text
