"""Findings as text for ``pmdesk lint``: a list a person reads, or JSON a script reads."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pmdesk.coach.finding import Finding


def format_findings(findings: Sequence[Finding], as_json: bool) -> str:
    """Render findings; JSON is an array of {rule, where, start, end, message, suggestion}."""
    if as_json:
        rows = [
            {
                "rule": f.rule,
                "where": f.where,
                "start": f.start,
                "end": f.end,
                "message": f.message,
                "suggestion": f.suggestion,
            }
            for f in findings
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if not findings:
        return "The coach has nothing to add."
    lines: list[str] = []
    for f in findings:
        place = f"{f.where}:{f.start}-{f.end}" if f.end > f.start else f.where
        lines.append(f"{place}  [{f.rule}]  {f.message}")
        if f.suggestion:
            lines.append(f"    suggestion: {f.suggestion}")
    noun = "finding" if len(findings) == 1 else "findings"
    lines.append(f"{len(findings)} {noun}; this is advice, nothing is blocked.")
    return "\n".join(lines)
