"""Writing one review's items with a handful of SQL statements, whatever their number.

Every user intention — one typed field, a drag of fifty cards, accepting two
thousand imported events — becomes one call here inside one transaction. The
cost follows the number of items written, not the size of the review: appends
read only the part's last position, references are looked up once per id, and
rows of one part are inserted and updated with ``executemany``. Only placing
items at an index (a drag in a list, undoing a delete) reads the part's order.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Select, Table, bindparam, delete, func, insert, select, update

from pmdesk.errors import NotFound
from pmdesk.model import orm
from pmdesk.model.review import (
    Action,
    Attachment,
    Event,
    Factor,
    Item,
    Layer,
    Note,
    Part,
    Person,
    WentWell,
)

ROW_TYPES: dict[Part, type[Any]] = {
    Part.PEOPLE: orm.PersonRow,
    Part.EVENTS: orm.EventRow,
    Part.LAYERS: orm.LayerRow,
    Part.FACTORS: orm.FactorRow,
    Part.ACTIONS: orm.ActionRow,
    Part.WENT_WELL: orm.WentWellRow,
    Part.NOTES: orm.NoteRow,
    Part.ATTACHMENTS: orm.AttachmentRow,
}


def core(row_type: type[Any]) -> Table:
    """The Core table behind an ORM row class: statements here use column names."""
    table = row_type.__table__
    assert isinstance(table, Table)
    return table


TABLES: dict[Part, Table] = {part: core(row) for part, row in ROW_TYPES.items()}

#: Parts in the order their items can be written: references exist before what points at them.
WRITE_ORDER: tuple[Part, ...] = tuple(ROW_TYPES)

#: Above this many look-ups in one part, ``IN`` lists beat one query per id.
_PRELOAD_AT = 16
#: Ids per ``IN (…)`` list; SQLite builds before 3.32 allow 999 parameters.
_CHUNK = 500

_SINGULAR = {
    Part.PEOPLE: "person",
    Part.EVENTS: "event",
    Part.LAYERS: "layer",
    Part.FACTORS: "factor",
    Part.ACTIONS: "action",
    Part.WENT_WELL: "went-well item",
    Part.NOTES: "note",
    Part.ATTACHMENTS: "attachment",
}


def singular(part: Part) -> str:
    """The word for one item of ``part`` in a message ('event', 'factor' …)."""
    return _SINGULAR.get(part, part.value)


@functools.cache
def _point(part: Part) -> Select[Any]:
    t = TABLES[part]
    return select(t.c.pk).where(t.c.review_pk == bindparam("r_"), t.c.uid == bindparam("u_"))


@functools.cache
def _last(part: Part) -> Select[Any, int]:
    """The part's last position and how many items it holds, in one look."""
    t = TABLES[part]
    return select(func.max(t.c.position), func.count()).where(t.c.review_pk == bindparam("r_"))


@functools.cache
def _update(part: Part, columns: tuple[str, ...]) -> Any:
    t = TABLES[part]
    values: dict[str, Any] = {name: bindparam(name) for name in columns}
    return update(t).where(t.c.pk == bindparam("_pk")).values(values)


class ItemRows:
    """One review's item rows inside one open transaction.

    Caches each part's id → primary key map as far as it has looked, so a
    batch never asks twice for the same reference.
    """

    def __init__(self, conn: Connection, review_pk: int) -> None:
        self._conn = conn
        self._review_pk = review_pk
        self._pks: dict[Part, dict[str, int]] = {}
        self._complete: set[Part] = set()
        self._absent: dict[Part, set[str]] = {}  # looked up and not there
        #: Parts that got new items here, with how many they hold now (for the limits).
        self.grown: dict[Part, int] = {}

    # -- references ------------------------------------------------------------

    def look_up(self, part: Part, uids: Iterable[str]) -> None:
        """Learn many items' row keys in one query, not one per id.

        Reading only the ids asked for keeps a 50-card move in a 5,000-event
        review from reading all 5,000 keys; past one ``IN`` list the whole part
        is read once instead.
        """
        known = self._pks.setdefault(part, {})
        absent = self._absent.setdefault(part, set())
        wanted = [u for u in dict.fromkeys(uids) if u not in known and u not in absent]
        if part in self._complete or not wanted:
            return
        t = TABLES[part]
        query = select(t.c.uid, t.c.pk).where(t.c.review_pk == self._review_pk)
        if len(wanted) > _CHUNK:  # more than one IN list: one read of the whole part
            known.update((str(uid), int(pk)) for uid, pk in self._conn.execute(query))
            self._complete.add(part)
            return
        rows = self._conn.execute(query.where(t.c.uid.in_(wanted)))
        known.update((str(uid), int(pk)) for uid, pk in rows)
        absent.update(u for u in wanted if u not in known)

    def pk_of(self, part: Part, uid: str) -> int | None:
        """The row key of item ``uid`` in ``part``, or None when the review has no such item."""
        known = self._pks.setdefault(part, {})
        if uid in known or part in self._complete or uid in self._absent.get(part, ()):
            return known.get(uid)
        pk = self._conn.execute(_point(part), {"r_": self._review_pk, "u_": uid}).scalar()
        if pk is not None:
            known[uid] = int(pk)
        return known.get(uid)

    def _ref(self, part: Part, uid: str | None) -> int | None:
        if uid is None:
            return None
        pk = self.pk_of(part, uid)
        if pk is None:
            raise NotFound(f"no {singular(part)} with id {uid} in this review")
        return pk

    # -- writing ---------------------------------------------------------------

    def put(self, items: Sequence[Item], at: Mapping[str, int] | None = None) -> None:
        """Add or replace ``items``; ``at`` places some of them at an index in their part.

        Items are written part by part in ``WRITE_ORDER``, so a new event may name
        a person added in the same call. Placed items go in ascending index order,
        which is what undoing a delete of several neighbours needs.
        """
        at = at or {}
        by_part: dict[Part, list[Item]] = {}
        # An id given twice is written once, as its last version.
        for item in {item.id: item for item in items}.values():
            by_part.setdefault(Part.of(item), []).append(item)
        for part in WRITE_ORDER:
            group = by_part.get(part)
            if group:
                self._put_part(part, group, at)

    def _put_part(self, part: Part, items: list[Item], at: Mapping[str, int]) -> None:
        if len(items) > _PRELOAD_AT:
            self.look_up(part, [item.id for item in items])
        updates: list[tuple[int, Item]] = []
        inserts: list[Item] = []
        for item in items:
            pk = self.pk_of(part, item.id)
            if pk is None:
                inserts.append(item)
            else:
                updates.append((pk, item))
        if updates:
            params = [{"_pk": pk, **self._values(item)} for pk, item in updates]
            columns = tuple(name for name in params[0] if name != "_pk")
            self._conn.execute(_update(part, columns), params)
        if inserts:
            last, held = self._conn.execute(_last(part), {"r_": self._review_pk}).one()
            start = -1 if last is None else int(last)
            self.grown[part] = int(held) + len(inserts)
            params = [
                {
                    "review_pk": self._review_pk,
                    "uid": item.id,
                    "position": start + 1 + n,
                    **self._values(item),
                }
                for n, item in enumerate(inserts)
            ]
            known = self._pks.setdefault(part, {})
            if len(params) <= _PRELOAD_AT:
                for row in params:
                    key = self._conn.execute(insert(TABLES[part]), row).inserted_primary_key
                    assert key is not None
                    known[row["uid"]] = int(key[0])
            else:
                # One executemany; RETURNING would go row by row on SQLite here.
                self._conn.execute(insert(TABLES[part]), params)
                new_ids = [row["uid"] for row in params]
                self._absent.get(part, set()).difference_update(new_ids)
                self._complete.discard(part)
                self.look_up(part, new_ids)
        linked = [(self._pks[part][item.id], item) for item in items]
        self._store_links(part, linked)
        placed = sorted(
            ((at[item.id], item.id) for item in items if item.id in at), key=lambda x: x[0]
        )
        if placed:
            self._place(part, placed)

    def _place(self, part: Part, placed: list[tuple[int, str]]) -> None:
        """Put items at their indexes in the part's order and renumber what moved."""
        t = TABLES[part]
        rows = self._conn.execute(
            select(t.c.pk, t.c.uid, t.c.position)
            .where(t.c.review_pk == self._review_pk)
            .order_by(t.c.position, t.c.pk)
        ).all()
        moving = {uid for _, uid in placed}
        order = [(pk, uid) for pk, uid, _ in rows if uid not in moving]
        pk_of = {uid: pk for pk, uid, _ in rows}
        for index, uid in placed:
            order.insert(max(0, min(index, len(order))), (pk_of[uid], uid))
        old = {pk: position for pk, _, position in rows}
        changes = [{"_pk": pk, "position": n} for n, (pk, _) in enumerate(order) if old[pk] != n]
        if changes:
            self._conn.execute(
                update(t).where(t.c.pk == bindparam("_pk")).values(position=bindparam("position")),
                changes,
            )

    def remove(self, part: Part, uids: Iterable[str]) -> None:
        """Delete items of one part; the schema cascades their links and clears references."""
        t = TABLES[part]
        for chunk in _chunks(list(uids), _CHUNK):
            self._conn.execute(
                delete(t).where(t.c.review_pk == self._review_pk, t.c.uid.in_(chunk))
            )
            known = self._pks.get(part, {})
            for uid in chunk:
                known.pop(uid, None)
            self._absent.setdefault(part, set()).update(chunk)

    def move(self, part: Part, uid: str, index: int) -> None:
        """Reorder one existing item within its part."""
        if self.pk_of(part, uid) is None:
            raise NotFound(f"no {singular(part)} with id {uid} in this review")
        self._place(part, [(index, uid)])

    # -- values ----------------------------------------------------------------

    def _values(self, item: Item) -> dict[str, Any]:
        """Column values for an item, with references turned into primary keys."""
        if isinstance(item, Person):
            return {"name": item.name, "role": item.role, "team": item.team}
        if isinstance(item, Event):
            return {
                "at": item.at,
                "kind": str(item.kind),
                "title": item.title,
                "detail": item.detail,
                "knew": item.knew,
                "actor_pk": self._ref(Part.PEOPLE, item.actor),
                "source_type": str(item.source.type) if item.source else None,
                "source_ref": item.source.ref if item.source else None,
                "key": item.key,
            }
        if isinstance(item, Layer):
            return {
                "name": item.name,
                "stage": str(item.stage) if item.stage else None,
                "ord": item.order,
            }
        if isinstance(item, Factor):
            return {
                "layer_pk": self._ref(Part.LAYERS, item.layer),
                "text": item.text,
                "category": item.category,
                "third_party": item.third_party,
                "on_trajectory": item.on_trajectory,
                "generalisable": item.generalisable,
            }
        if isinstance(item, Action):
            return {
                "text": item.text,
                "owner_pk": self._ref(Part.PEOPLE, item.owner),
                "outcome": item.outcome,
                "due": item.due,
                "status": str(item.status),
                "tracker_ref": item.tracker_ref,
            }
        if isinstance(item, WentWell):
            return {"text": item.text}
        if isinstance(item, Note):
            return {"kind": str(item.kind), "text": item.text}
        assert isinstance(item, Attachment)
        return {
            "path": item.path,
            "caption": item.caption,
            "event_pk": self._ref(Part.EVENTS, item.event),
            "data": item.data,
        }

    def _store_links(self, part: Part, items: list[tuple[int, Item]]) -> None:
        """Replace the factor → events and action → factors links of ``items``."""
        link: type[Any]
        if part is Part.FACTORS:
            link, owner, target, target_part = (
                orm.FactorEventRow,
                "factor_pk",
                "event_pk",
                Part.EVENTS,
            )
        elif part is Part.ACTIONS:
            link, owner, target, target_part = (
                orm.ActionFactorRow,
                "action_pk",
                "factor_pk",
                Part.FACTORS,
            )
        else:
            return
        link_table = core(link)
        owner_column = link_table.c[owner]
        for chunk in _chunks([pk for pk, _ in items], _CHUNK):
            self._conn.execute(delete(link_table).where(owner_column.in_(chunk)))
        rows = [
            {owner: pk, target: self._ref(target_part, uid), "position": n}
            for pk, item in items
            for n, uid in enumerate(_link_targets(item))
        ]
        if rows:
            self._conn.execute(insert(link_table), rows)


def _link_targets(item: Item) -> tuple[str, ...]:
    if isinstance(item, Factor):
        return item.events
    return item.factors if isinstance(item, Action) else ()


def _chunks(values: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
