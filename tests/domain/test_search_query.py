"""Taking a search apart: dates, words, phrases, numbers, fields and kinds."""

from __future__ import annotations

from explorer.domain.events import EventKind
from explorer.domain.search_query import (
    SearchTerm,
    highlighted,
    kinds_named,
    parse_search,
    synonyms,
)


def test_words_phrases_numbers_and_fields():
    query = parse_search(
        '2020 place:Brussels "legal basis" 16,000 Kabul/Bagram source:"World Bank"'
    )
    assert query.interval.label() == "2020"
    assert query.terms == (
        SearchTerm(("brussels",), "place"),
        SearchTerm(("legal", "basis"), phrase=True),
        SearchTerm(("16,000",), number="16000"),
        SearchTerm(("kabul",)),
        SearchTerm(("bagram",)),
        SearchTerm(("world", "bank"), "sources", phrase=True),
    )


def test_an_unknown_field_is_plain_words_and_dates_can_be_left_as_words():
    assert parse_search("foo:bar").terms == (SearchTerm(("foo",)), SearchTerm(("bar",)))
    query = parse_search("2020 defence", dates=False)
    assert query.interval is None
    assert [t.number for t in query.terms] == ["2020", None]


def test_kind_names_a_filter_not_words():
    query = parse_search("kind:summit brussels")
    assert query.kinds == {EventKind.SUMMIT}
    assert query.terms == (SearchTerm(("brussels",)),)
    assert kinds_named(("meeting",)) == {EventKind.LEADERS_MEETING, EventKind.MINISTERIAL_MEETING}
    assert kinds_named(("troop",)) == {EventKind.TROOP_LEVEL_CHANGE}
    assert kinds_named(("un",)) == {EventKind.UN_RESOLUTION}
    assert parse_search("kind:nonsense").kinds == frozenset()
    assert not parse_search("kind:summit").is_empty


def test_synonyms_cover_the_forms_of_a_word():
    assert "enlarge" in synonyms("increase") and "enlarge" in synonyms("increased")
    assert "grow" in synonyms("increases") and "reduce" in synonyms("cuts")
    assert synonyms("summit") == () and synonyms("sand") == ()


def test_highlighted_gives_plain_text_and_ranges():
    assert highlighted("a \x02b\x03 c \x02dd\x03") == ("a b c dd", ((2, 1), (6, 2)))
    assert highlighted("<b>x</b>") == ("<b>x</b>", ())  # markup stays text
