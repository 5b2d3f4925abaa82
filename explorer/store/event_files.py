"""Export files, read and written a record at a time so a million events never sit in memory.

JSON: ``{"format": "timeline-explorer-export", "format_version": 1, "events": [...]}`` with one
event object per line (see README, "Export format"). CSV: one row per event, with details,
relations and sources as JSON text. Both read back exactly what they were written from.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from explorer.store.errors import ImportRejected, StoreError

FORMATS = {".json": "json", ".csv": "csv"}
EXPORT_FORMAT = "timeline-explorer-export"
EXPORT_FORMAT_VERSION = 1
CSV_COLUMNS = (
    "id",
    "kind",
    "title",
    "date",
    "precision",
    "date_wording",
    "summary",
    "confidence",
    "origin",
    "details",
    "relations",
    "sources",
)
CSV_REQUIRED = ("id", "kind", "title", "date")
_JSON_COLUMNS = ("details", "relations", "sources")
_WHITESPACE = re.compile(r"[ \t\r\n]*")
# One event larger than this is refused before it is decoded (README, "Reliability"): the
# domain's limits on fields and lists keep any valid event well below it, and decoding a 30 MB
# event took 1.5 GB.
MAX_EVENT_CHARS = 4 << 20


@dataclass(frozen=True, slots=True)
class RawEvent:
    """One event as read from a file: where it starts (line, 1-based) and its JSON-shaped fields."""

    line: int
    index: int
    fields: Any


def file_format(path: Path | str) -> str:
    """'json' or 'csv', from the file name's extension."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown file type; name it .json or .csv")
    return fmt


# -- writing ----------------------------------------------------------------------------------


def json_header() -> str:
    """The text before the first event of a JSON export."""
    return f'{{"format": "{EXPORT_FORMAT}", "format_version": {EXPORT_FORMAT_VERSION}, "events": ['


def json_event_line(event_json: dict[str, Any], first: bool) -> str:
    """One event on its own line (the reader does not need this, but diffs and greps do)."""
    return ("\n" if first else ",\n") + json.dumps(event_json, ensure_ascii=False)


def json_footer(empty: bool, views: Sequence[dict[str, Any]] = ()) -> str:
    """The text after the last event, with the store's saved views if it has any (a reader
    that does not know ``views`` passes over it, so the format version stays)."""
    text = "]" if empty else "\n]"
    if views:
        text += ',\n"views": ' + json.dumps(list(views), ensure_ascii=False)
    return text + "}\n"


def csv_writer(out: TextIO) -> csv.writer:
    """A CSV writer with the header row already written."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    return writer


def csv_row(event_json: dict[str, Any]) -> list[str]:
    """An event's JSON object as one CSV row; nested fields become compact JSON text."""
    row = []
    for column in CSV_COLUMNS:
        value = event_json.get(column)
        if column in _JSON_COLUMNS:
            row.append(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
        else:
            row.append("" if value is None else str(value))
    return row


# -- reading ----------------------------------------------------------------------------------


class CsvRows:
    """The rows of an event CSV file as lists of cells, with the line each starts on.

    The header is checked on construction; :meth:`fields` turns a row into the JSON-shaped
    fields :func:`explorer.domain.dataset.parse_event` reads. A caller may look at the cells
    first (``header`` gives their names) and skip that for rows it can check more cheaply.
    """

    def __init__(self, binary: BinaryIO, name: str) -> None:
        self.name = name
        self._binary = binary
        self._reader = csv.reader(io.TextIOWrapper(binary, encoding="utf-8-sig", newline=""))
        try:
            header = next(self._reader, None)
        except csv.Error as exc:
            raise ImportRejected(f"{name} line 1: {exc}", 1) from None
        except UnicodeDecodeError:
            raise not_utf8(binary, name) from None
        if header is None:
            raise ImportRejected(f"{name} line 1: the file is empty", line=1)
        header = [h.strip() for h in header]
        unknown = [h for h in header if h not in CSV_COLUMNS]
        if unknown:
            raise ImportRejected(f"{name} line 1: unknown column {unknown[0]!r}", 1, unknown[0])
        missing = [c for c in CSV_REQUIRED if c not in header]
        if missing:
            raise ImportRejected(f"{name} line 1: missing column {missing[0]!r}", 1, missing[0])
        if len(set(header)) != len(header):
            raise ImportRejected(f"{name} line 1: a column appears twice", 1)
        self.header = header
        self._json_columns = [c for c in header if c in _JSON_COLUMNS]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader, name, width = self._reader, self.name, len(self.header)
        line = reader.line_num + 1
        try:
            for row in reader:
                if len(row) != width:
                    if not row:  # a blank line, e.g. at the end
                        line = reader.line_num + 1
                        continue
                    raise ImportRejected(
                        f"{name} line {line}: {len(row)} cells, the header has {width}", line
                    )
                yield line, row
                line = reader.line_num + 1
        except csv.Error as exc:
            raise ImportRejected(f"{name} line {reader.line_num}: {exc}", reader.line_num) from None
        except UnicodeDecodeError:
            raise not_utf8(self._binary, name) from None

    def batches(self, size: int) -> Iterator[tuple[Sequence[int], list[list[str]]]]:
        """Up to ``size`` rows at a time, with the line each starts on: for a column-wise check.

        Reads as :meth:`__iter__` does (blank lines skipped, a row of the wrong width or a
        broken file rejected with its line), but the rows before a fault are yielded first, so
        a caller that checks them finds their faults first, as it would row by row.
        """
        reader, name, width = self._reader, self.name, len(self.header)
        while True:
            first = reader.line_num + 1
            rows: list[list[str]] = []
            append = rows.append
            fault: Exception | None = None
            try:
                for row in itertools.islice(reader, size):
                    append(row)
            except csv.Error as exc:
                fault = ImportRejected(f"{name} line {reader.line_num}: {exc}", reader.line_num)
            except UnicodeDecodeError:
                fault = not_utf8(self._binary, name)
            if not rows and fault is None:
                return
            if (
                fault is None
                and reader.line_num - first + 1 == len(rows)
                and all(len(row) == width for row in rows)
            ):
                # every row one line long and none blank: the common case, nothing to count
                yield range(first, first + len(rows)), rows
                continue
            lines: list[int] = []
            kept: list[list[str]] = []
            line = first
            for row in rows:
                if len(row) != width:
                    if row:
                        if kept:
                            yield lines, kept
                        raise ImportRejected(
                            f"{name} line {line}: {len(row)} cells, the header has {width}", line
                        )
                else:
                    lines.append(line)
                    kept.append(row)
                line += 1 + sum(map(_line_breaks, row))
            if kept:
                yield lines, kept
            if fault is not None:
                raise fault

    def fields(self, row: list[str], line: int) -> dict[str, Any]:
        """One row as an event's fields; an empty cell is an absent field (defaults apply)."""
        # not strict: a row's length was checked on reading, and a checker may pad it
        fields = {c: v for c, v in zip(self.header, row, strict=False) if v != ""}
        if self._json_columns:
            _decode_json_cells(fields, self._json_columns, self.name, line)
        return fields


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_breaks(cell: str) -> int:
    """How many lines a quoted cell runs on past its first (as the CSV reader counts them)."""
    return len(_LINE_BREAK.findall(cell)) if ("\n" in cell or "\r" in cell) else 0


def _decode_json_cells(fields: dict[str, Any], columns: list[str], name: str, line: int) -> None:
    """Replace the JSON-text cells (details, relations, sources) by what they hold."""
    for column in columns:
        cell = fields.get(column)
        if cell is None:
            continue
        if not cell.strip():
            del fields[column]
            continue
        try:
            fields[column] = json.loads(cell)
        except json.JSONDecodeError as exc:
            raise ImportRejected(
                f"{name} line {line}, field {column!r}: not JSON ({exc.msg})", line, column
            ) from None
        except (ValueError, RecursionError) as exc:
            raise ImportRejected(
                f"{name} line {line}, field {column!r}: {_json_fault(exc)}", line, column
            ) from None


def not_utf8(binary: BinaryIO, name: str) -> ImportRejected:
    """The rejection of a file that is not UTF-8, naming the line and byte offset of the first
    bad byte: the text reader decodes ahead of the rows, so it cannot tell where that is."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, line = 0, 1
    try:
        binary.seek(0)
        while block := binary.read(1 << 20):
            # the decoder may hold up to 3 bytes of a character begun in the last block
            held = len(decoder.getstate()[0])
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                bad = offset - held + exc.start
                line += block.count(b"\n", 0, max(exc.start - held, 0))
                return ImportRejected(
                    f"{name} line {line}: not UTF-8 text (byte {bad:,} cannot be decoded)", line
                )
            offset += len(block)
            line += block.count(b"\n")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return ImportRejected(
            f"{name} line {line}: not UTF-8 text (it ends inside a character)", line
        )
    except (OSError, ValueError):
        pass
    return ImportRejected(f"{name}: not UTF-8 text", None)


def _json_fault(exc: Exception) -> str:
    """JSON that Python's decoder stops on without a JSONDecodeError."""
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    return "a number with too many digits" if "digits" in str(exc) else f"not valid JSON ({exc})"


def read_json(
    binary: BinaryIO, name: str, header: dict[str, Any] | None = None
) -> Iterator[RawEvent]:
    """Events of a JSON export, streamed; a bare JSON array of events is accepted too. The
    file's other top-level fields (such as ``views``) are put in ``header`` once read."""
    stream = _JsonStream(io.TextIOWrapper(binary, encoding="utf-8-sig"), name)
    try:
        yield from stream.events()
    except UnicodeDecodeError:
        raise not_utf8(binary, name) from None
    if header is not None:
        header.update(stream.header)


class _JsonStream:
    """A JSON reader that decodes the top-level object piece by piece, events one at a time."""

    def __init__(self, text: TextIO, name: str, chunk: int = 1 << 16) -> None:
        self.text, self.name, self.chunk = text, name, chunk
        self.buf, self.pos, self.line, self.eof = "", 0, 1, False
        self.decoder = json.JSONDecoder()
        self.header: dict[str, Any] = {}  # the top-level fields other than the events

    def fail(self, message: str, field: str | None = None) -> ImportRejected:
        where = f"{self.name} line {self.line}"
        if field and repr(field) not in message:
            where += f", field {field!r}"
        return ImportRejected(f"{where}: {message}", self.line, field)

    def _fill(self) -> None:
        more = self.text.read(max(self.chunk, len(self.buf) - self.pos))
        self.buf = self.buf[self.pos :] + more
        self.pos = 0
        self.eof = not more

    def _advance(self, to: int) -> None:
        self.line += self.buf.count("\n", self.pos, to)
        self.pos = to

    def _skip_space(self) -> str:
        """Skip whitespace; the next character, or '' at the end of the file."""
        while True:
            self._advance(_WHITESPACE.match(self.buf, self.pos).end())
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if self.eof:
                return ""
            self._fill()

    def _expect(self, chars: str, what: str) -> str:
        found = self._skip_space()
        if not found or found not in chars:
            raise self.fail(f"expected {what}, found {found or 'the end of the file'!r}")
        self._advance(self.pos + 1)
        return found

    def _value(self, field: str | None = None) -> Any:
        """Decode one JSON value (of the header's ``field``); reads on while it runs past the
        buffer."""
        self._skip_space()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof or len(self.buf) - self.pos > MAX_EVENT_CHARS:
                    if not self.eof:
                        raise self.fail(
                            f"one event larger than {MAX_EVENT_CHARS:,} characters"
                        ) from None
                    self.line += self.buf.count("\n", self.pos, exc.pos)
                    raise self.fail(f"not valid JSON ({exc.msg})") from None
                self._fill()
                continue
            except (ValueError, RecursionError) as exc:
                raise self.fail(_json_fault(exc), field) from None
            if end == len(self.buf) and not self.eof:  # a number may go on in the next chunk
                self._fill()
                continue
            self._advance(end)
            return value

    def events(self) -> Iterator[RawEvent]:
        first = self._skip_space()
        if first == "[":
            yield from self._array()
        elif first == "{":
            yield from self._object()
        else:
            raise self.fail("not an export file (expected a JSON object or array)")
        if self._skip_space():
            raise self.fail("unexpected text after the end of the export")

    def _object(self) -> Iterator[RawEvent]:
        self._expect("{", "'{'")
        header = self.header
        if self._skip_space() == "}":
            raise self.fail("no 'events' in the file", "events")
        while True:
            key = self._value()
            if not isinstance(key, str):
                raise self.fail("expected a field name")
            self._expect(":", "':'")
            if key == "events":
                _check_header(header, self, final=False)
                if self._skip_space() != "[":
                    raise self.fail("'events' must be a list", "events")
                yield from self._array()
                header["events"] = True
            else:
                header[key] = self._value(key)
            if self._expect(",}", "',' or '}'") == "}":
                break
        _check_header(header, self, final=True)

    def _array(self) -> Iterator[RawEvent]:
        self._expect("[", "'['")
        if self._skip_space() == "]":
            self._advance(self.pos + 1)
            return
        index = 0
        while True:
            self._skip_space()
            line = self.line
            yield RawEvent(line, index, self._value())
            index += 1
            if self._expect(",]", "',' or ']'") == "]":
                return


def _check_header(header: dict[str, Any], stream: _JsonStream, final: bool) -> None:
    """The format name and version; checked again at the end when they follow the events."""
    if "format" in header and header["format"] != EXPORT_FORMAT:
        raise stream.fail(f"not a Timeline Explorer export (format {header['format']!r})", "format")
    version = header.get("format_version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise stream.fail("format_version must be a whole number", "format_version")
    if isinstance(version, int) and version > EXPORT_FORMAT_VERSION:
        raise stream.fail(
            f"written by a newer Timeline Explorer (export format {version}, this app reads up "
            f"to {EXPORT_FORMAT_VERSION}); update the app to import it",
            "format_version",
        )
    if final:
        for name in ("format", "format_version", "events"):
            if name not in header:
                raise stream.fail(f"not a Timeline Explorer export (no {name!r})", name)
