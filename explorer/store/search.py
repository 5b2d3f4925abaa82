"""Full-text search over everything a pane shows (migration 0006): query, ranking, snippets.

The index ``event_fts`` has one column per field (migration 0006 says how it is kept in step);
a bulk write runs :data:`BEGIN_BULK_SEARCH` first and :data:`FILL_SEARCH_INDEX` at the end
instead of the per-row triggers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from explorer.domain.search_query import (
    FIELD_LABELS,
    SearchQuery,
    SearchTerm,
    highlighted,
    synonyms,
)
from explorer.store.valid_rows import VALID_EVENT

# as migration 0006 creates the index
TOKENIZE = "porter unicode61 remove_diacritics 2"
SEARCH_COLUMNS = ("title", "summary", "place", "details", "relations", "sources", "notes")
# bm25 weights, column by column: a title hit counts most, a source's title least
_WEIGHTS = (10.0, 2.0, 3.0, 2.0, 1.0, 0.5, 1.0)
_COLUMNS_SQL = ", ".join(SEARCH_COLUMNS)
_HAS_TEXT = "(place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '')"
# A bulk write's new events (ids from ? on): the triggers leave them alone while this is set...
BEGIN_BULK_SEARCH = (
    "INSERT OR REPLACE INTO meta (name, value) VALUES ('search_bulk_from', CAST(? AS TEXT))"
)
# ... and these index them at the end: the kept fields of those that have any, worked out
# from the few events with details, sources or relations, then the full-text rows of all
FILL_SEARCH_INDEX = (
    "DELETE FROM event_search WHERE id >= ?",
    "INSERT INTO event_search SELECT * FROM event_search_compute WHERE id IN ("
    " SELECT id FROM event WHERE id >= ? AND details != '{}'"
    " UNION SELECT source_id FROM relation WHERE source_id >= ?"
    " UNION SELECT target_id FROM relation WHERE target_id >= ?"
    f" UNION SELECT event_id FROM source WHERE event_id >= ?) AND {_HAS_TEXT}",
    f"INSERT INTO event_fts (rowid, {_COLUMNS_SQL}) SELECT id, {_COLUMNS_SQL}"
    " FROM event_search_text WHERE id >= ?",
    "DELETE FROM meta WHERE name = 'search_bulk_from' AND ? IS NOT NULL",
)
# the order a tie between fields is broken in, when saying where a match was found
_FIELD_ORDER = ("title", "summary", "place", "details", "relations", "sources", "notes")
_MARK_START, _MARK_END = "\x02", "\x03"
SNIPPET_TOKENS = 12
LEAD_CHARS = 16  # a snippet shows this much text before its first match


@dataclass(frozen=True, slots=True)
class SearchMatch:
    """Where an event matched: the field's name, a plain-text snippet and its matched words."""

    field: str
    text: str
    ranges: tuple[tuple[int, int], ...]  # (offset, length) in ``text``

    def bracketed(self) -> str:
        """The snippet with the matched words in [brackets]: for a terminal or a screen reader."""
        out, at = [], 0
        for start, length in self.ranges:
            out += [self.text[at:start], "[", self.text[start : start + length], "]"]
            at = start + length
        out.append(self.text[at:])
        return "".join(out)


def _number(digits: str) -> str:
    """A number as written with or without thousands separators: 16000 or 16,000 / 16 000."""
    digits = digits.lstrip("0") or "0"
    if len(digits) < 4:
        return f'"{digits}"*'
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return f'("{digits}"* OR "{" ".join(groups)}")'


def _term(term: SearchTerm) -> str:
    if term.number is not None:
        expression = _number(term.number)
    elif term.phrase:
        expression = '"' + " ".join(term.words) + '"'
    else:
        word = term.words[0]
        others = [w for w in synonyms(word) if w != word]
        expression = f'"{word}"*'
        if others:
            expression = "(" + " OR ".join([expression, *(f'"{w}"' for w in others)]) + ")"
    return f"{term.field} : {expression}" if term.field else expression


def _lead_in(text: str, ranges: tuple, lead: int = LEAD_CHARS) -> tuple[str, tuple]:
    """Cut a snippet to start a few words before its first match, so a narrow column shows it."""
    first = ranges[0][0]
    if first <= lead:
        return text, ranges
    cut = text.rfind(" ", 0, first - lead) + 1
    if cut == 0:
        return text, ranges
    shift = cut - 1  # the ellipsis takes one character
    return "…" + text[cut:], tuple((start - shift, length) for start, length in ranges)


def fts_expression(query: SearchQuery) -> str | None:
    """The FTS5 MATCH expression for a query's terms (all must match), or None without terms.

    Only words the query took apart reach FTS5, each quoted, so no typed text is FTS5 syntax.
    """
    return " AND ".join(_term(t) for t in query.terms) if query.terms else None


def search_rows(
    conn: sqlite3.Connection,
    columns_sql: str,
    query: SearchQuery,
    limit: int,
    kind_sql: str = "",
    kind_params: Iterable = (),
) -> list[tuple]:
    """Rows (``columns_sql`` of ``event e``) matching the query's terms and date, best first."""
    expression = fts_expression(query)
    if expression is None:
        raise ValueError("a query without words is answered by the time-window query")
    date_sql, date_params = "", []
    if query.interval is not None:
        date_sql = " AND e.start_day < ? AND e.end_day > ?"
        date_params = [query.interval.end_day, query.interval.start_day]
    weights = ", ".join(str(w) for w in _WEIGHTS)
    if not date_sql and not kind_sql:
        # rank inside the index first, then read only the best rows' events: joining every
        # match to its event before sorting cost ~40% more at a million events
        return conn.execute(
            f"SELECT {columns_sql} FROM (SELECT rowid AS id, bm25(event_fts, {weights}) AS score"
            " FROM event_fts WHERE event_fts MATCH ? ORDER BY score LIMIT ?) f"
            " JOIN event e ON e.id = f.id"
            f" WHERE {VALID_EVENT} ORDER BY f.score, e.start_day, e.id",
            [expression, limit],
        ).fetchall()
    return conn.execute(
        f"SELECT {columns_sql} FROM event_fts f JOIN event e ON e.id = f.rowid"
        f" WHERE event_fts MATCH ?{date_sql}{kind_sql} AND {VALID_EVENT}"
        f" ORDER BY bm25(event_fts, {weights}), e.start_day, e.id LIMIT ?",
        [expression, *date_params, *kind_params, limit],
    ).fetchall()


def search_matches(
    conn: sqlite3.Connection, query: SearchQuery, ids: Iterable[int]
) -> dict[int, SearchMatch]:
    """For each of ``ids`` that matches the query's words: the field it matched in, a snippet.

    The snippets come from a small index of just these events (in the connection's temporary
    schema): asking the big one for snippets of a few rows costs as much as the whole search.
    """
    expression = fts_expression(query)
    ids = [int(i) for i in ids]
    if expression is None or not ids:
        return {}
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.match_fts USING fts5 ({_COLUMNS_SQL},"
        f" tokenize = '{TOKENIZE}')"
    )
    conn.execute("DELETE FROM temp.match_fts")
    marks = ",".join("?" * len(ids))
    conn.execute(
        f"INSERT INTO temp.match_fts (rowid, {_COLUMNS_SQL}) SELECT rowid, {_COLUMNS_SQL}"
        f" FROM main.event_fts WHERE rowid IN ({marks})",
        ids,
    )
    snippets = ", ".join(
        f"snippet(match_fts, {i}, '{_MARK_START}', '{_MARK_END}', '…', {SNIPPET_TOKENS})"
        for i in range(len(SEARCH_COLUMNS))
    )
    found = {}
    rows = conn.execute(
        f"SELECT rowid, {snippets} FROM temp.match_fts WHERE match_fts MATCH ?", [expression]
    )
    for row in rows.fetchall():
        best = None
        for field in _FIELD_ORDER:
            text, ranges = highlighted(row[1 + SEARCH_COLUMNS.index(field)] or "")
            if ranges and (best is None or len(ranges) > len(best.ranges)):
                best = SearchMatch(FIELD_LABELS[field], *_lead_in(text, ranges))
        if best is not None:
            found[row[0]] = best
    conn.execute("DELETE FROM temp.match_fts")
    return found
