"""Child process for test_crash: edit a library until killed, reporting each edit.

Run as: python crash_child.py LIBRARY RUN SEED

Before each call it prints ``B <edit as JSON>``; after the call returns (so the edit
is committed) it prints ``D``. The parent kills this process at a random moment and
then checks that every edit followed by ``D`` is in the library.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from pmdesk.model.review import Note, NoteKind, Part, Review, WentWell
from pmdesk.store import Library
from pmdesk.store.sample import sample_review


def edits(run: int, rng: random.Random) -> Any:
    """An endless, seeded mix of single edits and whole imports on review ``run-<run>``."""
    review_id = f"run-{run}"
    yield {"op": "create", "review": review_id}
    live: dict[str, str] = {}  # item id -> part
    for n in range(1_000_000):
        roll = rng.random()
        if roll < 0.35 or not live:
            part = rng.choice(["went_well", "notes"])
            mine = [i for i, p in live.items() if p == part]
            item_id = rng.choice(mine) if mine and rng.random() < 0.3 else f"{part[0]}{n}"
            live[item_id] = part
            yield {"op": "put", "review": review_id, "part": part, "id": item_id, "text": f"t{n}"}
        elif roll < 0.6:
            yield {"op": "title", "review": review_id, "text": f"Title after edit {n}"}
        elif roll < 0.85:
            item_id = rng.choice(sorted(live))
            part = live.pop(item_id)
            yield {"op": "remove", "review": review_id, "part": part, "id": item_id}
        else:
            yield {"op": "import", "review": f"imp-{run}-{n}"}


def apply(library: Library, edit: dict[str, Any]) -> None:
    op = edit["op"]
    if op == "create":
        library.add_review(Review(edit["review"], "Crash test review"))
    elif op == "put":
        item = (
            WentWell(edit["id"], edit["text"])
            if edit["part"] == "went_well"
            else Note(edit["id"], NoteKind.QUESTION, edit["text"])
        )
        library.put_item(edit["review"], item)
    elif op == "title":
        library.update_review(edit["review"], title=edit["text"])
    elif op == "remove":
        library.remove_item(edit["review"], Part(edit["part"]), edit["id"])
    else:
        library.add_review(sample_review().replace(id=edit["review"]))


def say(line: str) -> None:
    """One line in one write: with PYTHONUNBUFFERED, print("B", x) is four writes, and a
    kill between them left the parent reading a bare "B" as a finished edit's "D"."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    path, run, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    library = Library.open(path)
    say("ready")
    for edit in edits(run, random.Random(seed)):
        say("B " + json.dumps(edit))
        apply(library, edit)
        say("D")


if __name__ == "__main__":
    main()
