#!/usr/bin/env python3
"""Fail CI when a test skipped for a reason it does not allow.

usage: python3 .ci/check_skips.py JUNIT.xml [ALLOWED_REASON_REGEX ...]

Reads pytest's JUnit report; the allowed reasons, and why, are listed in .ci/run.
Expected failures (xfail) are not skips and are not counted here.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET


def skips(junit: str) -> tuple[int, list[tuple[str, str]]]:
    """How many tests ran, and (test, reason) for each that skipped."""
    total, found = 0, []
    for case in ET.parse(junit).getroot().iter("testcase"):
        total += 1
        for skipped in case.iter("skipped"):
            if skipped.get("type") == "pytest.xfail":
                continue
            test = f"{case.get('classname')}::{case.get('name')}"
            found.append((test, skipped.get("message", "")))
    return total, found


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    junit, patterns = argv[0], argv[1:]
    total, found = skips(junit)
    refused = 0
    for test, reason in found:
        if any(re.search(pattern, reason) for pattern in patterns):
            print(f"ci: skipped (allowed in CI): {test}: {reason}")
        else:
            refused += 1
            print(f"ci: SKIPPED, NOT ALLOWED IN CI: {test}: {reason}")
    print(f"ci: {total} tests, {len(found) - refused} allowed skips, {refused} refused skips")
    if total == 0:
        print("ci: the report holds no tests", file=sys.stderr)
        return 1
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
