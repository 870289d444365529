"""The library service: every read and write of reviews goes through here.

Each public call runs in its own transaction and is committed when it
returns, so there is no Save to forget. Every write bumps the review's
``version``; a caller that passes ``expected_version`` gets a
``ConflictError`` instead of overwriting a change made elsewhere (another
window, another laptop on a shared PostgreSQL library).

Items are addressed by their interchange id (``Event.id`` …), which survives
delete-and-undo, export and import. ``remove_item`` returns a ``Removal``
that records everything the delete took with it (a layer's factors, links
to the removed item), so ``restore`` can put it all back in one step.
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pmdesk.clock import is_known_zone
from pmdesk.errors import (
    AlreadyExists,
    Ambiguous,
    BadInput,
    ConflictError,
    LibraryUnavailable,
    NotFound,
)
from pmdesk.model import orm
from pmdesk.model.limits import (
    MAX_METRICS,
    MAX_SERVICES,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    attachment_path_problem,
    count_problem,
    id_problem,
    metric_problem,
    order_problem,
    text_problem,
)
from pmdesk.model.review import (
    ITEM_PARTS,
    REVIEW_FIELDS,
    Action,
    ActionStatus,
    Attachment,
    Change,
    Event,
    EventKind,
    Factor,
    Impact,
    Item,
    Layer,
    Metric,
    Note,
    NoteKind,
    Part,
    Person,
    Review,
    ReviewKind,
    ReviewStatus,
    ReviewSummary,
    Source,
    SourceType,
    Stage,
    WentWell,
    new_id,
)
from pmdesk.store import engine as engines
from pmdesk.store.changes import CHANNEL, ChangeFeed, ChangeKind, LoggedChange
from pmdesk.store.extras import ReviewExtras
from pmdesk.store.migrate import HEAD_REVISION, ensure_schema
from pmdesk.store.peek import SUMMARIES_PARAMS, SUMMARIES_SQL, summary_of
from pmdesk.store.rows import ROW_TYPES, WRITE_ORDER, ItemRows, core, singular
from pmdesk.store.where import APPLICATION_ID
from pmdesk.text import clean_optional, clean_text, one_line

OnConflict = Literal["error", "replace", "copy"]
_T = TypeVar("_T")


#: What each part's items must not be without, in words for the user.
_REQUIRED_TEXT: dict[type[Any], tuple[str, str]] = {
    Person: ("name", "a person needs a name"),
    Layer: ("name", "a layer needs a name"),
    Factor: ("text", "a factor needs a text"),
    Action: ("text", "an action needs a text"),
    WentWell: ("text", "a went-well item needs a text"),
    Note: ("text", "a note needs a text"),
}

DEFAULT_LAYERS: tuple[tuple[str, Stage], ...] = (
    ("Design and code review", Stage.PREVENT),
    ("Testing and staged rollout", Stage.PREVENT),
    ("Monitoring and alerting", Stage.DETECT),
    ("Incident response", Stage.RESPOND),
    ("Recovery and rollback", Stage.RECOVER),
)


@dataclass(frozen=True)
class FollowUp:
    """One open action anywhere in the library, for the follow-through view."""

    review_id: str
    review_title: str
    review_services: tuple[str, ...]
    action: Action
    owner_name: str | None
    #: The review's version when this was read: a write from the list expects it.
    review_version: int = 0

    def overdue(self, today: date) -> bool:
        return self.action.due is not None and self.action.due < today


@dataclass(frozen=True)
class Removal:
    """Everything one delete took away, so that undo can put it back exactly."""

    review_id: str
    removed: tuple[tuple[Item, int], ...]  # items and their index in their part, in order
    changed: tuple[Item, ...]  # items whose references were cut, as they were before
    change: Change


class Library:
    """A collection of reviews in one database; safe to share between threads."""

    def __init__(
        self,
        engine: Engine,
        location: engines.Location,
        *,
        created: bool,
        author: str | None = None,
    ) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_engine = (
            engines.make_engine(location, writes=False)
            if location.is_sqlite and location.path is not None
            else engine
        )
        self._reads = sessionmaker(self._read_engine, expire_on_commit=False)
        self.location = location
        #: True when this call to ``open`` created the library.
        self.created = created
        #: Who the change log says made this library's writes: a name given, else the OS user.
        self.author = one_line(clean_text(author or ""), 200).strip() or _os_user()

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(
        cls,
        location: str | Path | engines.Location | None = None,
        *,
        create: bool = True,
        seed: Callable[[Library], None] | None = None,
        author: str | None = None,
    ) -> Library:
        """Open (and if needed create or upgrade) the library at ``location``.

        ``seed`` runs once, right after a new library is created; the app uses
        it to add the sample review so the first window is never empty.
        ``author`` names who makes this library's writes in the change log
        (default: the OS user).
        """
        loc = (
            location
            if isinstance(location, engines.Location)
            else engines.resolve_location(location)
        )
        new_file = False
        if loc.is_sqlite and loc.path is not None:
            new_file = engines.check_sqlite_file(loc.path)
            if new_file and not create:
                raise LibraryUnavailable(f"there is no library at {loc.path}")
            if not new_file:
                engines.quick_check(loc.path)
                # The usual case: nothing to create or upgrade, so no write lock to wait for;
                # one read still says now, not at the first click, if the file cannot be used.
                if engines.schema_revision(loc.path) == HEAD_REVISION:
                    library = cls(engines.make_engine(loc), loc, created=False, author=author)
                    try:
                        with library._read() as session:
                            session.execute(select(1))
                    except BaseException:
                        library.close()
                        raise
                    return library
        engine = engines.make_engine(loc)
        try:
            with _translate_errors(loc.display()), engine.begin() as conn:
                changed = ensure_schema(conn, loc.display())
                if changed and loc.is_sqlite:
                    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                has_reviews = conn.execute(select(func.count(orm.ReviewRow.pk))).scalar_one()
                info = conn.execute(select(func.count(orm.LibraryInfoRow.key))).scalar_one()
                created = new_file or (changed and not has_reviews and not info)
                if created:
                    conn.execute(
                        insert(orm.LibraryInfoRow).values(
                            key="created_at", value=_now().isoformat()
                        )
                    )
        except BaseException:
            engine.dispose()
            raise
        library = cls(engine, loc, created=created, author=author)
        if created and seed is not None:
            seed(library)
        return library

    def close(self) -> None:
        self._engine.dispose()
        self._read_engine.dispose()

    def backup(self, *, keep: int = 7, min_age_hours: float = 20.0) -> Path | None:
        """A rolling snapshot of a SQLite library in ``backups/`` beside it (VACUUM INTO).

        A file copy of a WAL database can miss committed data (PITFALLS DB-09);
        VACUUM INTO writes a consistent snapshot. At most one backup per
        ``min_age_hours``; the oldest beyond ``keep`` are removed. PostgreSQL
        libraries are backed up by their server, so this returns None for them.
        """
        path = self.location.path
        if not self.location.is_sqlite or path is None:
            return None
        return engines.back_up_sqlite(path, keep=keep, min_age_hours=min_age_hours)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _session(self) -> Iterator[Session]:
        with _translate_errors(self.location.display()), self._sessions.begin() as session:
            yield session

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction on a bare connection: item writes need no ORM session."""
        with _translate_errors(self.location.display()), self._engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        """A read-only snapshot that never waits for another window's write."""
        with _translate_errors(self.location.display()), self._reads.begin() as session:
            yield session

    # -- reviews -----------------------------------------------------------

    def list_reviews(self) -> list[ReviewSummary]:
        """All reviews, newest change first, with the counts the browser shows."""
        with self._read() as session:
            rows = session.execute(text(SUMMARIES_SQL), SUMMARIES_PARAMS).all()
            return [summary_of(row) for row in rows]

    def open_actions(self) -> list[FollowUp]:
        """Every open or in-progress action of every review: overdue first, then by due date."""
        with self._read() as session:
            rows = session.execute(
                select(orm.ActionRow, orm.ReviewRow, orm.PersonRow.name)
                .join(orm.ReviewRow, orm.ReviewRow.pk == orm.ActionRow.review_pk)
                .outerjoin(orm.PersonRow, orm.PersonRow.pk == orm.ActionRow.owner_pk)
                .where(orm.ActionRow.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]))
            ).all()
            follow_ups = [
                FollowUp(
                    review_id=review.uid,
                    review_title=review.title,
                    review_services=tuple(review.services or ()),
                    action=Action(
                        id=row.uid,
                        text=row.text,
                        owner=None,
                        outcome=row.outcome,
                        due=row.due,
                        status=ActionStatus(row.status),
                        tracker_ref=row.tracker_ref,
                    ),
                    owner_name=owner,
                    review_version=review.version,
                )
                for row, review, owner in rows
            ]
        follow_ups.sort(key=lambda f: (f.action.due or date.max, f.review_title, f.action.text))
        return follow_ups

    def get_review(self, review_id: str) -> Review:
        """One consistent snapshot of a review and all its parts."""
        with self._read() as session:
            return _load_review(session, _review_row(session, review_id))

    def version_of(self, review_id: str) -> int:
        with self._read() as session:
            return _review_row(session, review_id).version

    def resolve(self, name: str) -> str:
        """A review id from an id, a unique id prefix, or a unique title prefix."""
        return pick_review(self.list_reviews(), name)

    def create_review(
        self,
        title: str,
        kind: ReviewKind = ReviewKind.FULL,
        *,
        default_layers: bool = True,
    ) -> Review:
        """A new, empty review; full reviews start with the usual layers of defence."""
        layers: tuple[Layer, ...] = ()
        if default_layers:
            layers = tuple(
                Layer(id=new_id(), name=name, stage=stage, order=n)
                for n, (name, stage) in enumerate(DEFAULT_LAYERS)
            )
        review = Review(id=new_id(), title=title, kind=kind, layers=layers)
        return self.add_review(review)

    def add_review(
        self,
        review: Review,
        *,
        on_conflict: OnConflict = "error",
        extras: ReviewExtras | None = None,
    ) -> Review:
        """Store a whole review (an import) in one transaction: all of it or none of it.

        ``on_conflict`` says what to do when a review with the same id exists:
        refuse, replace it, or store a copy under a new id. ``extras`` (meeting
        data, dismissed findings) go in with it, in the same transaction.
        """
        review = _clean_review(review)
        _check_references(review)
        if extras is not None and extras.meeting is not None:
            _check_meeting_json(extras.meeting)
        with self._session() as session:
            existing = session.scalar(select(orm.ReviewRow).where(orm.ReviewRow.uid == review.id))
            # A review put back after a delete carries on from its logged versions.
            version = _last_logged(session.connection(), review.id) + 1
            if existing is not None:
                if on_conflict == "error":
                    raise AlreadyExists(
                        f"the library already has a review with id {review.id} "
                        f"('{existing.title}'); replace it or import a copy"
                    )
                if on_conflict == "replace":
                    version = max(version, existing.version + 1)
                    session.delete(existing)
                    session.flush()
                else:
                    review = _with_fresh_ids(review)
                    version = _last_logged(session.connection(), review.id) + 1
            _insert_review(session, review, version)
            session.flush()
            row = _review_row(session, review.id)
            if extras is not None:
                row.meeting = dict(extras.meeting) if extras.meeting else None
                for key in sorted(extras.dismissed):
                    session.add(orm.DismissedFindingRow(review_pk=row.pk, key=key))
                session.flush()
            stored = _load_review(session, row)
            added = _ReviewKey(row.pk, row.uid, row.version, row.updated_at)
            self._log(session.connection(), added, ChangeKind.ADD, frozenset(Part), ())
            return stored

    def extras(self, review_id: str) -> ReviewExtras:
        """What the library keeps beside the review: take it before a delete undo must undo."""
        with self._read() as session:
            row = _review_row(session, review_id)
            keys = session.scalars(
                select(orm.DismissedFindingRow.key).where(
                    orm.DismissedFindingRow.review_pk == row.pk
                )
            )
            return ReviewExtras(dict(row.meeting) if row.meeting else None, frozenset(keys))

    def delete_review(self, review_id: str, *, expected_version: int | None = None) -> Review:
        """Delete a review; the returned snapshot lets undo put it back with ``add_review``."""
        with self._session() as session:
            row = _review_row(session, review_id)
            _check_version(row, expected_version)
            snapshot = _load_review(session, row)
            gone = _ReviewKey(row.pk, row.uid, row.version + 1, _now())
            session.delete(row)
            session.flush()
            self._log(session.connection(), gone, ChangeKind.DELETE, frozenset(Part), ())
        return snapshot

    def duplicate_review(self, review_id: str, title: str | None = None) -> Review:
        original = self.get_review(review_id)
        copy = _with_fresh_ids(original).replace(
            title=title or f"{original.title} (copy)", status=ReviewStatus.DRAFT
        )
        return self.add_review(copy)

    def update_review(
        self, review_id: str, *, expected_version: int | None = None, **fields: Any
    ) -> Change:
        """Change the review's own fields (title, milestones, impact …)."""
        cleaned = review_fields_as_stored(fields)
        values: dict[str, Any] = {}
        for name, value in cleaned.items():
            if name == "services":
                values[name] = list(value)
            elif name in ("kind", "status"):
                values[name] = str(value)
            elif name != "impact":
                values[name] = value
        with self._write() as conn:
            key = _claim(conn, review_id, expected_version)
            if "impact" in cleaned:
                values.update(_store_impact(conn, key.pk, cleaned["impact"]))
            if values:
                reviews = core(orm.ReviewRow)
                conn.execute(update(reviews).where(reviews.c.pk == key.pk).values(values))
            return self._log(conn, key, ChangeKind.REVIEW, frozenset({Part.REVIEW}), ())

    # -- the change log ------------------------------------------------------------

    def changes_since(self, review_id: str, version: int) -> list[LoggedChange]:
        """The review's logged changes after ``version``, oldest first (also after a delete)."""
        with self._read() as session:
            rows = session.execute(
                select(_CHANGES)
                .where(_CHANGES.c.review_uid == review_id, _CHANGES.c.version > version)
                .order_by(_CHANGES.c.version)
            ).all()
        return [LoggedChange.from_row(row) for row in rows]

    def last_version(self, review_id: str) -> int:
        """The review's newest logged version (0 when nothing was logged): where a watch starts."""
        with self._read() as session:
            return _last_logged(session.connection(), review_id)

    def feed(self, review_id: str | None = None) -> ChangeFeed:
        """A cheap "anything new?" for this library (for one review, where the backend can say)."""
        return ChangeFeed(self._engine, self.location, review_id)

    def _log(
        self,
        conn: Connection,
        key: _ReviewKey,
        kind: ChangeKind,
        parts: frozenset[Part],
        items: tuple[str, ...],
    ) -> Change:
        """Record one write in the change log, inside the write's own transaction."""
        conn.execute(
            _LOG,
            {
                "review_uid": key.uid,
                "version": key.version,
                "kind": kind.value,
                "parts": sorted(part.value for part in parts),
                "items": list(items),
                "author": self.author,
                "at": key.at,
            },
        )
        if not self.location.is_sqlite:
            # Delivered when this transaction commits, and only then (PostgreSQL NOTIFY).
            conn.execute(_NOTIFY, {"channel": CHANNEL, "payload": key.uid})
        return Change(key.uid, parts, key.version, frozenset(items))

    # -- the review meeting ------------------------------------------------------

    def meeting(self, review_id: str) -> dict[str, Any] | None:
        """The meeting's agenda and record as stored by ``pmdesk.meeting`` (plain JSON)."""
        with self._read() as session:
            data = _review_row(session, review_id).meeting
            return dict(data) if data else None

    def set_meeting(
        self,
        review_id: str,
        data: dict[str, Any] | None,
        *,
        expected_version: int | None = None,
    ) -> Change:
        """Store the meeting's agenda and record (JSON-serialisable values only)."""
        if data is not None:
            _check_meeting_json(data)
        with self._write() as conn:
            key = _claim(conn, review_id, expected_version)
            reviews = core(orm.ReviewRow)
            conn.execute(update(reviews).where(reviews.c.pk == key.pk).values(meeting=data))
            return self._log(conn, key, ChangeKind.MEETING, frozenset({Part.MEETING}), ())

    # -- coach dismissals ------------------------------------------------------

    def dismissed(self, review_id: str) -> frozenset[str]:
        """Keys of the coach findings dismissed for this review."""
        with self._read() as session:
            row = _review_row(session, review_id)
            keys = session.scalars(
                select(orm.DismissedFindingRow.key).where(
                    orm.DismissedFindingRow.review_pk == row.pk
                )
            )
            return frozenset(keys)

    def set_dismissed(
        self, review_id: str, key: str, dismissed: bool, *, expected_version: int | None = None
    ) -> Change:
        """Dismiss a coach finding for this review, or bring it back."""
        with self._write() as conn:
            claimed = _claim(conn, review_id, expected_version)
            table = core(orm.DismissedFindingRow)
            conn.execute(delete(table).where(table.c.review_pk == claimed.pk, table.c.key == key))
            if dismissed:
                conn.execute(insert(table).values(review_pk=claimed.pk, key=key))
            return self._log(conn, claimed, ChangeKind.DISMISSED, frozenset({Part.DISMISSED}), ())

    # -- items -------------------------------------------------------------

    def put_item(
        self,
        review_id: str,
        item: Item,
        *,
        index: int | None = None,
        expected_version: int | None = None,
    ) -> Change:
        """Add an item, or replace the item with the same id; ``index`` places it."""
        at = {item.id: index} if index is not None else None
        return self.edit(review_id, puts=(item,), at=at, expected_version=expected_version).change

    def put_items(
        self, review_id: str, items: Sequence[Item], *, expected_version: int | None = None
    ) -> Change:
        """Add or replace several items in one transaction: all of them or none."""
        return self.edit(review_id, puts=items, expected_version=expected_version).change

    def remove_item(
        self, review_id: str, part: Part, item_id: str, *, expected_version: int | None = None
    ) -> Removal:
        """Delete an item and what depends on it; the Removal says what went."""
        return self.edit(review_id, removals=((part, item_id),), expected_version=expected_version)

    def restore(self, removal: Removal, *, expected_version: int | None = None) -> Change:
        """Undo an edit's removals: put back the removed items and the cut references."""
        return self.edit(
            removal.review_id,
            puts=[item for item, _ in removal.removed] + list(removal.changed),
            at={item.id: index for item, index in removal.removed},
            expected_version=expected_version,
        ).change

    def move_item(
        self,
        review_id: str,
        part: Part,
        item_id: str,
        index: int,
        *,
        expected_version: int | None = None,
    ) -> Change:
        """Move an item to ``index`` within its part (reordering a list)."""
        with self._write() as conn:
            key = _claim(conn, review_id, expected_version)
            ItemRows(conn, key.pk).move(part, item_id, index)
            return self._log(conn, key, ChangeKind.MOVE, frozenset({part}), (item_id,))

    def edit(
        self,
        review_id: str,
        *,
        puts: Sequence[Item] = (),
        removals: Sequence[tuple[Part, str]] = (),
        at: Mapping[str, int] | None = None,
        expected_version: int | None = None,
    ) -> Removal:
        """One user intention over many items, in one transaction: all of it or none.

        Removals go first (with what depends on them: a layer's factors, cut
        references), then ``puts`` add or replace items, ``at`` placing some at an
        index of their part. The returned Removal holds what undo needs to put the
        removed items back; its change names every item touched.
        """
        cleaned = [_clean_item(item) for item in puts]
        with self._write() as conn:
            key = _claim(conn, review_id, expected_version)
            rows = ItemRows(conn, key.pk)
            removed: list[tuple[Item, int]] = []
            changed: list[Item] = []
            if removals:
                with Session(bind=conn) as session:
                    before = _load_review(session, _review_row(session, review_id))
                removed, changed = _dependents(before, removals)
                gone: dict[Part, list[str]] = {}
                for item, _ in removed:
                    gone.setdefault(Part.of(item), []).append(item.id)
                for part in reversed(WRITE_ORDER):
                    if part in gone:
                        rows.remove(part, gone[part])
            rows.put(cleaned, at)
            _check_counts(rows)
            touched = [item for item, _ in removed] + changed + cleaned
            change = self._log(
                conn,
                key,
                ChangeKind.EDIT,
                frozenset({Part.of(item) for item in touched} | {part for part, _ in removals}),
                tuple(dict.fromkeys(item.id for item in touched)),
            )
        return Removal(review_id, tuple(removed), tuple(changed), change)


def pick_review(summaries: Sequence[ReviewSummary], name: str) -> str:
    """The one review ``name`` means: its id, a unique id prefix, or a unique title prefix."""
    name = name.strip()
    if not name:
        raise NotFound("no review name given")
    for summary in summaries:
        if summary.id == name:
            return summary.id
    folded = name.casefold()
    by_id = [s for s in summaries if s.id.startswith(name)]
    exact_title = [s for s in summaries if s.title.casefold() == folded]
    by_title = [s for s in summaries if s.title.casefold().startswith(folded)]
    for matches in (by_id, exact_title, by_title):
        if len(matches) == 1:
            return matches[0].id
        if len(matches) > 1:
            listed = ", ".join(f"{s.id} ({s.title})" for s in matches[:5])
            raise Ambiguous(f"'{name}' matches {len(matches)} reviews: {listed}")
    raise NotFound(f"no review matches '{name}' (try 'pmdesk list')")


# -- helpers: sessions, versions, errors ---------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


@contextlib.contextmanager
def _translate_errors(where: str) -> Iterator[None]:
    """Turn database failures from the environment into messages a person can act on."""
    try:
        yield
    except OperationalError as exc:
        raise LibraryUnavailable(_describe_operational(str(exc.orig), where)) from exc
    except IntegrityError as exc:
        raise BadInput(f"the library refused the change: {exc.orig}") from exc
    except DatabaseError as exc:
        raise LibraryUnavailable(f"the library at {where} cannot be used: {exc.orig}") from exc


def _describe_operational(message: str, where: str) -> str:
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        return (
            f"the library at {where} is busy in another pmdesk window or program; "
            "try again in a moment"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return f"the library at {where} is read-only; nothing was changed"
    if "disk is full" in lowered or "disk full" in lowered:
        return f"the disk holding {where} is full; nothing was changed"
    if "unable to open" in lowered:
        return f"cannot open the library at {where}; check the folder exists and is writable"
    if "connection" in lowered or "could not connect" in lowered or "server" in lowered:
        return f"cannot reach the library server at {where}: {message.strip().splitlines()[0]}"
    return f"the library at {where} cannot be used: {message.strip().splitlines()[0]}"


def _review_row(session: Session, review_id: str) -> orm.ReviewRow:
    row = session.scalar(select(orm.ReviewRow).where(orm.ReviewRow.uid == review_id))
    if row is None:
        raise NotFound(f"there is no review with id {review_id} (it may have been deleted)")
    return row


@dataclass(frozen=True, slots=True)
class _ReviewKey:
    """A review claimed for one write: its row key, its id and its new version."""

    pk: int
    uid: str
    version: int
    at: datetime


_REVIEWS = core(orm.ReviewRow)
_CHANGES = core(orm.ChangeRow)
_LOG = insert(_CHANGES)
_NOTIFY = text("SELECT pg_notify(:channel, :payload)")
_LAST_LOGGED = select(func.coalesce(func.max(_CHANGES.c.version), 0)).where(
    _CHANGES.c.review_uid == bindparam("uid_")
)
_CLAIM = (
    update(_REVIEWS)
    .where(_REVIEWS.c.uid == bindparam("uid_"))
    .values(version=_REVIEWS.c.version + 1, updated_at=bindparam("now_"))
    .returning(_REVIEWS.c.pk, _REVIEWS.c.version)
)
_CLAIM_AT = _CLAIM.where(_REVIEWS.c.version == bindparam("expected_"))


def _claim(conn: Connection, review_id: str, expected: int | None) -> _ReviewKey:
    """Bump the review's version first, in one statement that also checks it.

    The row stays locked by this transaction until it commits, so what follows
    writes against the version it claimed; a failure later rolls the bump back.
    """
    now = _now()
    params: dict[str, Any] = {"uid_": review_id, "now_": now}
    if expected is not None:
        params["expected_"] = expected
    found = conn.execute(_CLAIM if expected is None else _CLAIM_AT, params).first()
    if found is not None:
        return _ReviewKey(int(found[0]), review_id, int(found[1]), now)
    row = conn.execute(
        select(_REVIEWS.c.title, _REVIEWS.c.version).where(_REVIEWS.c.uid == review_id)
    ).first()
    if row is None:
        raise NotFound(f"there is no review with id {review_id} (it may have been deleted)")
    title, version = row
    raise ConflictError(
        f"'{title}' was changed elsewhere (version {version}, you had {expected}); "
        "reload it to see the other change",
        review_id=review_id,
        expected=expected or version,
        actual=version,
    )


def _last_logged(conn: Connection, review_id: str) -> int:
    return int(conn.execute(_LAST_LOGGED, {"uid_": review_id}).scalar_one())


def _os_user() -> str:
    """The name the OS gives this user, for the change log when no name was given."""
    try:
        return one_line(getpass.getuser(), 200) or "unknown"
    except (OSError, KeyError, ImportError):
        return "unknown"


def _check_version(row: orm.ReviewRow, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        raise ConflictError(
            f"'{row.title}' was changed elsewhere (version {row.version}, you had {expected}); "
            "reload it to see the other change",
            review_id=row.uid,
            expected=expected,
            actual=row.version,
        )


# -- helpers: cleaning and checking --------------------------------------------


def _check_text(where: str, value: str, limit: int = MAX_TEXT_CHARS) -> None:
    """Refuse text past its bound in one line naming the field, before any work on it."""
    if (problem := text_problem(value, limit)) is not None:
        raise BadInput(f"{where} {problem}")


def _check_counts(rows: ItemRows) -> None:
    """Refuse an edit that leaves the review holding more items of a part than its bound.

    Only added items can pass a bound, so only the parts that grew are counted.
    """
    for part, held in rows.grown.items():
        if (problem := count_problem(part.value, held)) is not None:
            raise BadInput(f"{part.value}: {problem}")


def _clean_fields(cls: type[Any], fields: dict[str, Any]) -> dict[str, Any]:
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    label = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, str):
            limit = MAX_TITLE_CHARS if cls is Review and name == "title" else MAX_TEXT_CHARS
            _check_text(f"{label} {name}", value, limit)
        elif name == "services" and isinstance(value, tuple | list):
            if (problem := count_problem("services", len(value), MAX_SERVICES)) is not None:
                raise BadInput(f"review services: {problem}")
            for n, service in enumerate(value):
                _check_text(f"review services[{n}]", str(service))
        elif isinstance(value, Source) and value.ref is not None:
            _check_text(f"{label} source ref", value.ref)
        if isinstance(value, str):
            value = clean_optional(value) if defaults.get(name) is None else clean_text(value)
        elif isinstance(value, Impact):
            value = _clean_impact(value)
        elif isinstance(value, Source):
            value = Source(value.type, clean_optional(value.ref))
        cleaned[name] = value
    return cleaned


def _clean_impact(impact: Impact) -> Impact:
    if (problem := count_problem("metrics", len(impact.metrics), MAX_METRICS)) is not None:
        raise BadInput(f"impact metrics: {problem}")
    if impact.description is not None:
        _check_text("impact description", impact.description)
    for metric in impact.metrics:
        _check_text("metric name", metric.name)
        if isinstance(metric.value, str):
            _check_text("metric value", metric.value)
        if metric.unit is not None:
            _check_text("metric unit", metric.unit)
        if (problem := metric_problem(metric.value)) is not None:
            raise BadInput(f"the metric '{one_line(metric.name, 80)}': its value {problem}")
    return Impact(
        description=clean_optional(impact.description),
        metrics=tuple(
            Metric(
                name=clean_text(m.name),
                value=clean_text(m.value) if isinstance(m.value, str) else m.value,
                unit=clean_optional(m.unit),
            )
            for m in impact.metrics
        ),
    )


def _clean_item(item: _T) -> _T:
    values = {
        f.name: getattr(item, f.name)
        for f in dataclasses.fields(item)  # type: ignore[arg-type]
    }
    cleaned = _clean_fields(type(item), values)
    item_id = str(cleaned["id"])
    if (problem := id_problem(item_id)) is not None:
        raise BadInput(f"{singular(Part.of(cast(Item, item)))} id {item_id!r}: {problem}")
    if isinstance(item, Event) and item.at.tzinfo is None:
        raise BadInput(f"event '{item.title}': its time needs a time zone")
    if isinstance(item, Layer) and item.order is not None:
        problem = order_problem(item.order)
        if problem is not None:
            raise BadInput(f"layer '{one_line(item.name, 80)}': its order {problem}")
    if isinstance(item, Attachment):
        problem = attachment_path_problem(str(cleaned["path"]))
        if problem is not None:
            raise BadInput(f"attachment {item.path!r}: its path {problem}")
    required = _REQUIRED_TEXT.get(type(item))
    if required and not str(cleaned[required[0]]).strip():
        raise BadInput(required[1])
    for key in ("events", "factors"):
        if key in cleaned:
            cleaned[key] = tuple(dict.fromkeys(cleaned[key]))
    return type(item)(**cleaned)


def _clean_review(review: Review) -> Review:
    for part in ITEM_PARTS:
        if (problem := count_problem(part.value, len(review.items(part)))) is not None:
            raise BadInput(f"{part.value}: {problem}")
    fields = {name: getattr(review, name) for name in REVIEW_FIELDS}
    cleaned = _clean_fields(Review, fields)
    cleaned["services"] = tuple(s for s in (clean_text(x).strip() for x in review.services) if s)
    if not str(cleaned["title"]).strip():
        raise BadInput("a review needs a title")
    if (problem := id_problem(review.id)) is not None:
        raise BadInput(f"review id {review.id!r}: {problem}")
    if cleaned["timezone"] is not None and not is_known_zone(str(cleaned["timezone"])):
        raise BadInput(f"'{one_line(str(cleaned['timezone']), 40)}' is not a known time zone")
    parts = {part.value: tuple(_clean_item(i) for i in review.items(part)) for part in ITEM_PARTS}
    return review.replace(**cleaned, **parts)


def _check_references(review: Review) -> None:
    """Refuse a review whose items point at items it does not have."""
    ids: dict[Part, set[str]] = {}
    for part in ITEM_PARTS:
        seen: set[str] = set()
        for item in review.items(part):
            if item.id in seen:
                raise BadInput(f"{part.value}: the id {item.id} is used twice")
            seen.add(item.id)
        ids[part] = seen

    def need(part: Part, ref: str | None, where: str) -> None:
        if ref is not None and ref not in ids[part]:
            raise BadInput(f"{where}: no {singular(part)} with id '{ref}'")

    for n, event in enumerate(review.events):
        need(Part.PEOPLE, event.actor, f"events[{n}].actor")
    for n, factor in enumerate(review.factors):
        need(Part.LAYERS, factor.layer, f"factors[{n}].layer")
        for ref in factor.events:
            need(Part.EVENTS, ref, f"factors[{n}].events")
    for n, action in enumerate(review.actions):
        need(Part.PEOPLE, action.owner, f"actions[{n}].owner")
        for ref in action.factors:
            need(Part.FACTORS, ref, f"actions[{n}].factors")
    for n, attachment in enumerate(review.attachments):
        need(Part.EVENTS, attachment.event, f"attachments[{n}].event")


def _with_fresh_ids(review: Review) -> Review:
    """The same review under new ids, references rewritten, for 'import a copy'."""
    mapping: dict[str, str] = {}

    def fresh(old: str) -> str:
        return mapping.setdefault(old, new_id())

    def ref(old: str | None) -> str | None:
        return None if old is None else mapping.get(old, old)

    people = tuple(dataclasses.replace(p, id=fresh(p.id)) for p in review.people)
    layers = tuple(dataclasses.replace(x, id=fresh(x.id)) for x in review.layers)
    events = tuple(
        dataclasses.replace(e, id=fresh(e.id), actor=ref(e.actor)) for e in review.events
    )
    factors = tuple(
        dataclasses.replace(
            f,
            id=fresh(f.id),
            layer=ref(f.layer) or f.layer,
            events=tuple(ref(e) or e for e in f.events),
        )
        for f in review.factors
    )
    actions = tuple(
        dataclasses.replace(
            a,
            id=fresh(a.id),
            owner=ref(a.owner),
            factors=tuple(ref(f) or f for f in a.factors),
        )
        for a in review.actions
    )
    return review.replace(
        id=new_id(),
        people=people,
        layers=layers,
        events=events,
        factors=factors,
        actions=actions,
        went_well=tuple(dataclasses.replace(w, id=new_id()) for w in review.went_well),
        notes=tuple(dataclasses.replace(n, id=new_id()) for n in review.notes),
        attachments=tuple(
            dataclasses.replace(a, id=new_id(), event=ref(a.event)) for a in review.attachments
        ),
    )


# -- helpers: rows <-> values -----------------------------------------------------


def _check_meeting_json(data: Mapping[str, Any]) -> None:
    import json

    try:
        json.dumps(data, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise BadInput(f"the meeting data cannot be stored: {exc}") from exc


def _insert_review(session: Session, review: Review, version: int) -> None:
    now = _now()
    row = orm.ReviewRow(
        uid=review.id,
        title=review.title,
        kind=str(review.kind),
        status=str(review.status),
        severity=review.severity,
        summary=review.summary,
        narrative=review.narrative,
        impact_description=None,
        has_impact=False,
        services=list(review.services),
        timezone=review.timezone,
        started_at=review.started_at,
        detected_at=review.detected_at,
        mitigated_at=review.mitigated_at,
        resolved_at=review.resolved_at,
        version=version,
        created_at=review.created_at or now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    conn = session.connection()
    impact = _store_impact(conn, row.pk, review.impact)
    reviews = core(orm.ReviewRow)
    conn.execute(update(reviews).where(reviews.c.pk == row.pk).values(impact))
    rows = ItemRows(conn, row.pk)
    rows.put([item for part in WRITE_ORDER for item in review.items(part)])


def _whole(value: float) -> float:
    """A stored 12.0 comes back as the 12 it was (the column is a float), else as is."""
    return int(value) if value.is_integer() and abs(value) <= 2**53 else value


def _store_impact(conn: Connection, review_pk: int, impact: Impact | None) -> dict[str, Any]:
    """Replace the review's metrics; returns the review columns that say it has an impact."""
    metrics = core(orm.MetricRow)
    conn.execute(delete(metrics).where(metrics.c.review_pk == review_pk))
    rows = []
    for position, metric in enumerate(impact.metrics if impact else ()):
        is_number = isinstance(metric.value, int | float) and not isinstance(metric.value, bool)
        rows.append(
            {
                "review_pk": review_pk,
                "position": position,
                "name": metric.name,
                "value_number": float(metric.value) if is_number else None,
                "value_text": None if is_number else str(metric.value),
                "unit": metric.unit,
            }
        )
    if rows:
        conn.execute(insert(metrics), rows)
    return {
        "has_impact": impact is not None,
        "impact_description": impact.description if impact else None,
    }


def _ordered_rows(session: Session, review: orm.ReviewRow, part: Part) -> list[Any]:
    row_type = ROW_TYPES[part]
    return list(
        session.scalars(
            select(row_type)
            .where(row_type.review_pk == review.pk)
            .order_by(row_type.position, row_type.pk)
        )
    )


def _links(
    session: Session,
    owner: Any,
    target: Any,
    position: Any,
    owner_row: Any,
    review_pk: int,
    target_uid: dict[int, str],
) -> dict[int, list[str]]:
    """One review's links from an association table: owner pk -> target ids, in order."""
    found: dict[int, list[str]] = {}
    rows = session.execute(
        select(owner, target)
        .join(owner_row, owner_row.pk == owner)
        .where(owner_row.review_pk == review_pk)
        .order_by(owner, position)
    ).all()
    for owner_pk, target_pk in rows:
        found.setdefault(owner_pk, []).append(target_uid[target_pk])
    return found


def _load_review(session: Session, row: orm.ReviewRow) -> Review:
    """The review as values, or one sentence when a row holds what this pmdesk cannot read.

    A newer pmdesk on a shared library may store an event kind or a time this one
    does not know. Guessing would change the review the next time it is saved, so
    the review is refused whole, read-only: nothing is changed or dropped.
    """
    try:
        return _review_from_rows(session, row)
    except ValueError as exc:
        reason = one_line(clean_text(str(exc)), 160)
        raise LibraryUnavailable(
            f"the review '{one_line(row.title, 80)}' holds data this pmdesk cannot read "
            f"({reason}); a newer pmdesk may have written it, so update pmdesk to open it. "
            "Nothing was changed"
        ) from exc


def _review_from_rows(session: Session, row: orm.ReviewRow) -> Review:
    people_rows = _ordered_rows(session, row, Part.PEOPLE)
    event_rows = _ordered_rows(session, row, Part.EVENTS)
    layer_rows = _ordered_rows(session, row, Part.LAYERS)
    factor_rows = _ordered_rows(session, row, Part.FACTORS)
    action_rows = _ordered_rows(session, row, Part.ACTIONS)
    person_uid = {r.pk: r.uid for r in people_rows}
    event_uid = {r.pk: r.uid for r in event_rows}
    layer_uid = {r.pk: r.uid for r in layer_rows}
    factor_uid = {r.pk: r.uid for r in factor_rows}

    factor_events = _links(
        session,
        orm.FactorEventRow.factor_pk,
        orm.FactorEventRow.event_pk,
        orm.FactorEventRow.position,
        orm.FactorRow,
        row.pk,
        event_uid,
    )
    action_factors = _links(
        session,
        orm.ActionFactorRow.action_pk,
        orm.ActionFactorRow.factor_pk,
        orm.ActionFactorRow.position,
        orm.ActionRow,
        row.pk,
        factor_uid,
    )

    impact = None
    if row.has_impact:
        impact = Impact(
            description=row.impact_description,
            metrics=tuple(
                Metric(
                    name=m.name,
                    value=_whole(m.value_number)
                    if m.value_number is not None
                    else (m.value_text or ""),
                    unit=m.unit,
                )
                for m in row.metrics
            ),
        )
    return Review(
        id=row.uid,
        title=row.title,
        kind=ReviewKind(row.kind),
        status=ReviewStatus(row.status),
        severity=row.severity,
        summary=row.summary,
        narrative=row.narrative,
        impact=impact,
        services=tuple(row.services or ()),
        timezone=row.timezone,
        started_at=row.started_at,
        detected_at=row.detected_at,
        mitigated_at=row.mitigated_at,
        resolved_at=row.resolved_at,
        people=tuple(Person(r.uid, r.name, r.role, r.team) for r in people_rows),
        events=tuple(
            Event(
                id=r.uid,
                at=r.at,
                kind=EventKind(r.kind),
                title=r.title,
                detail=r.detail,
                knew=r.knew,
                actor=person_uid.get(r.actor_pk) if r.actor_pk is not None else None,
                source=Source(SourceType(r.source_type), r.source_ref) if r.source_type else None,
                key=bool(r.key),
            )
            for r in event_rows
        ),
        layers=tuple(
            Layer(r.uid, r.name, Stage(r.stage) if r.stage else None, r.order) for r in layer_rows
        ),
        factors=tuple(
            Factor(
                id=r.uid,
                layer=layer_uid[r.layer_pk],
                text=r.text,
                category=r.category,
                third_party=bool(r.third_party),
                on_trajectory=bool(r.on_trajectory),
                events=tuple(factor_events.get(r.pk, ())),
                generalisable=bool(r.generalisable),
            )
            for r in factor_rows
        ),
        actions=tuple(
            Action(
                id=r.uid,
                text=r.text,
                owner=person_uid.get(r.owner_pk) if r.owner_pk is not None else None,
                outcome=r.outcome,
                due=r.due,
                status=ActionStatus(r.status),
                tracker_ref=r.tracker_ref,
                factors=tuple(action_factors.get(r.pk, ())),
            )
            for r in action_rows
        ),
        went_well=tuple(
            WentWell(r.uid, r.text) for r in _ordered_rows(session, row, Part.WENT_WELL)
        ),
        notes=tuple(
            Note(r.uid, NoteKind(r.kind), r.text) for r in _ordered_rows(session, row, Part.NOTES)
        ),
        attachments=tuple(
            Attachment(
                id=r.uid,
                path=r.path,
                caption=r.caption,
                event=event_uid.get(r.event_pk) if r.event_pk is not None else None,
                data=r.data or b"",
            )
            for r in _ordered_rows(session, row, Part.ATTACHMENTS)
        ),
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def review_fields_as_stored(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Review fields as ``update_review`` stores them and ``get_review`` gives them back.

    Refuses what the library refuses (an empty title, a time without a zone,
    text past its bound), so a caller that applies the result itself applies
    exactly what was committed.
    """
    unknown = set(fields) - REVIEW_FIELDS
    if unknown:
        raise TypeError(f"not review fields: {', '.join(sorted(unknown))}")
    cleaned = _clean_fields(Review, dict(fields))
    if "title" in cleaned and not cleaned["title"].strip():
        raise BadInput("a review needs a title")
    for name in ("started_at", "detected_at", "mitigated_at", "resolved_at"):
        value = cleaned.get(name)
        if value is not None and value.tzinfo is None:
            raise BadInput(f"{name}: a time needs a time zone")
    if "services" in cleaned:
        services = (clean_text(x).strip() for x in cleaned["services"])
        cleaned["services"] = tuple(t for t in services if t)
    return cleaned


def after_removal(review: Review, removal: Removal) -> Review:
    """``review`` as the library holds it once ``removal`` is committed, without reading it.

    The removed items go; the items ``_dependents`` found referring to them lose
    those references as the schema's ON DELETE rules cut them (an actor, owner
    or attachment's event becomes None, factor and action links drop the id).
    """
    gone: dict[Part, set[str]] = {}
    for item, _ in removal.removed:
        gone.setdefault(Part.of(item), set()).add(item.id)
    people, events, factors = (gone.get(p, set()) for p in (Part.PEOPLE, Part.EVENTS, Part.FACTORS))
    cut = {item.id: _cut(item, people, events, factors) for item in removal.changed}
    fields = {
        part.value: tuple(
            cut.get(item.id, item)
            for item in review.items(part)
            if item.id not in gone.get(part, ())
        )
        for part in WRITE_ORDER
        if part in gone or any(Part.of(item) is part for item in removal.changed)
    }
    return review.replace(**fields)


def _cut(item: Item, people: set[str], events: set[str], factors: set[str]) -> Item:
    """One item with its references to removed people, events and factors cut."""
    if isinstance(item, Event) and item.actor in people:
        return dataclasses.replace(item, actor=None)
    if isinstance(item, Factor):
        return dataclasses.replace(item, events=tuple(e for e in item.events if e not in events))
    if isinstance(item, Action):
        owner = None if item.owner in people else item.owner
        kept = tuple(f for f in item.factors if f not in factors)
        return dataclasses.replace(item, owner=owner, factors=kept)
    if isinstance(item, Attachment) and item.event in events:
        return dataclasses.replace(item, event=None)
    return item


def _dependents(
    review: Review, removals: Sequence[tuple[Part, str]]
) -> tuple[list[tuple[Item, int]], list[Item]]:
    """What deleting some items removes with them, and which items lose a reference.

    Removed items come with their index in their part, in order, so that undo
    can put each back where it was.
    """
    gone: dict[Part, set[str]] = {}
    for part, item_id in removals:
        if not any(i.id == item_id for i in review.items(part)):
            raise NotFound(f"no {singular(part)} with id {item_id} in this review (it may be gone)")
        gone.setdefault(part, set()).add(item_id)
    if Part.LAYERS in gone:
        cascaded = {f.id for f in review.factors if f.layer in gone[Part.LAYERS]}
        gone.setdefault(Part.FACTORS, set()).update(cascaded)
    removed: list[tuple[Item, int]] = [
        (item, n)
        for part in WRITE_ORDER
        for n, item in enumerate(review.items(part))
        if item.id in gone.get(part, ())
    ]
    people, events, factors = (gone.get(p, set()) for p in (Part.PEOPLE, Part.EVENTS, Part.FACTORS))
    removed_ids = {i.id for i, _ in removed}
    candidates: Sequence[Item] = tuple(
        itertools.chain(review.events, review.factors, review.actions, review.attachments)
    )
    changed: list[Item] = []
    for other in candidates:
        if other.id in removed_ids:
            continue
        if (
            (isinstance(other, Event) and other.actor in people)
            or (isinstance(other, Factor) and events.intersection(other.events))
            or (
                isinstance(other, Action)
                and (other.owner in people or factors.intersection(other.factors))
            )
            or (isinstance(other, Attachment) and other.event in events)
        ):
            changed.append(other)
    return removed, changed
