"""Each detail pane shows the right fields for known events, and store text stays text."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import Event, EventKind, Source
from explorer.ui.details.fund import FundPane
from explorer.ui.details.general import GeneralPane
from explorer.ui.details.meeting import MeetingPane
from explorer.ui.details.troop import TroopLevelPane
from explorer.ui.details.widgets import LinkButton, is_web_url
from tests.ui.helpers import pane_texts, select

HOSTILE = "<b>x</b><img src=http://x>"


def test_meeting_pane_shows_the_warsaw_summit_2016(make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    assert isinstance(window.detail_view.pane, MeetingPane)
    texts = pane_texts(window)
    for expected in (
        "Warsaw Summit",
        "Warsaw, Poland",
        "Summit · 8-9 July 2016",  # the source's own wording, once
        "8–9 July 2016 (2016-07-08/2016-07-09)",  # and the exact form
        "Heads of State and Government",
        "NATO Allies, Resolute Support operational partners",
        "Afghan National Army (ANA) Trust Fund",  # a decision, linked to the fund it concerns
        "Resolute Support Mission",
    ):
        assert expected in texts, expected
    decisions = [t for t in texts if t.startswith("Continue funding the Afghan forces")]
    assert decisions
    sources = [t for t in texts if t.startswith("NATO-Afghanistan relations") and "—" in t]
    assert any("Resolute Support Mission, paragraph 6" in t for t in sources), sources


def test_troop_pane_shows_the_2017_decision_from_13000_to_16000(make_window):
    window = make_window()
    select(window, "rsm-increase-2018")
    pane = window.detail_view.pane
    assert isinstance(pane, TroopLevelPane)
    texts = pane_texts(window)
    assert "Resolute Support Mission" in texts
    assert "about 13,000 → about 16,000" in texts
    assert "+3,000 (+23.1 %)" in texts
    assert "over the course of 2018 (2018)" in texts
    deciding = window.store.summary_by_key("defence-ministers-2017-11").title
    assert deciding in [link.full_text for link in pane.links]
    # the small chart shows the mission's series with this change highlighted
    assert "16,000 (this change)" in pane.chart.accessibleDescription()
    assert len(pane.chart.steps) == len(window.store.troop_series("RSM"))


def test_fund_pane_shows_the_ana_trust_fund(make_window):
    window = make_window()
    select(window, "ana-trust-fund")
    pane = window.detail_view.pane
    assert isinstance(pane, FundPane)
    texts = pane_texts(window)
    for expected in (
        "NATO",
        "2007",
        "As of 2020",  # the fact sheet is undated
        "Extended: until the end of 2020",
        "31 December 2024",
    ):
        assert expected in texts, expected
    assert any(t.startswith("over 3 billion USD to date") for t in texts)
    assert any(t.endswith("(over US$3,000,000,000)") for t in texts)
    link_texts = [link.full_text for link in pane.links]
    for meeting in ("Chicago Summit", "Wales Summit", "Warsaw Summit", "Brussels Summit"):
        assert meeting in link_texts


def test_other_kinds_get_the_general_pane(make_window):
    window = make_window()
    select(window, "resolute-support-mission")
    assert isinstance(window.detail_view.pane, GeneralPane)
    assert "Warsaw Summit" in [link.full_text for link in window.detail_view.pane.links]


def test_related_events_list_both_directions(make_window):
    window = make_window()
    select(window, "defence-ministers-2017-11")
    texts = pane_texts(window)
    assert "Decided here" in texts  # the incoming decided_at of the troop-level change
    assert "Resolute Support grows to about 16,000" in texts


def _add(window, event):
    window.store.add_events([event])
    return window.store.id_of(event.key)


def test_a_hostile_title_is_shown_literally(make_window):
    window = make_window()
    event_id = _add(
        window,
        Event(
            key="hostile",
            kind=EventKind.OTHER,
            title=HOSTILE,
            when=FuzzyDate.parse("2016-07-10"),
            summary="<script>alert(1)</script> & more",
            sources=(Source(HOSTILE, url="https://example.org/a&b", section="<i>s</i>"),),
        ),
    )
    window.view_state.select(event_id, origin="test")
    pane = window.detail_view.pane
    assert pane.title_label.text() == HOSTILE
    assert pane.title_label.textFormat() == Qt.TextFormat.PlainText
    assert pane.summary_label.text() == "<script>alert(1)</script> & more"
    assert pane.summary_label.textFormat() == Qt.TextFormat.PlainText
    assert f"{HOSTILE} — <i>s</i>" in pane_texts(window)  # the source, literally
    url_link = pane.links[-1]
    assert url_link.full_text == "https://example.org/a&b"
    assert url_link.text() == "https://example.org/a&&b"  # '&' escaped, not a mnemonic


def test_only_http_and_https_sources_become_links(make_window):
    window = make_window()
    urls = [
        "https://example.org/x",
        "http://example.org/y",
        "javascript:alert(1)",
        "file:///etc/passwd",
    ]
    event_id = _add(
        window,
        Event(
            key="sources-test",
            kind=EventKind.AGREEMENT,
            title="Sources test",
            when=FuzzyDate.parse("2012"),
            sources=tuple(Source(f"Source {i}", url=u) for i, u in enumerate(urls)),
        ),
    )
    window.view_state.select(event_id, origin="test")
    links = window.detail_view.pane.findChildren(LinkButton)
    assert sorted(link.full_text for link in links) == sorted(urls[:2])
    assert "javascript:alert(1)" in pane_texts(window)  # shown, but only as text
    assert [is_web_url(u) for u in urls] == [True, True, False, False]


def test_every_pane_says_how_sure_the_facts_are(make_window):
    window = make_window()
    select(window, "rsm-level-2019-10")  # the 17,178 peak rests on a mirror page
    labels = [w.text() for w in window.detail_view.findChildren(QLabel)]
    assert any(t.startswith("medium: a secondary report") for t in labels), labels
    select(window, "warsaw-summit-2016")
    labels = [w.text() for w in window.detail_view.findChildren(QLabel)]
    assert any(t.startswith("high: an official or primary source") for t in labels), labels


def test_the_pane_says_which_end_of_an_interval_is_uncertain(make_window):
    window = make_window()
    select(window, "resolute-support-mission")
    texts = pane_texts(window)
    assert "1 January 2015 – September 2021 (2015-01-01/2021-09)" in texts
    assert "The start is known to the day; the end only to the month." in texts
    assert any("force generation" in t for t in texts)  # the mission's supporting functions
