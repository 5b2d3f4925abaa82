import pytest

from explorer.domain.dataset import DatasetError, parse_event
from explorer.domain.details import (
    fund_details,
    meeting_details,
    mission_details,
    referenced_keys,
    troop_level_change,
)


def parse(kind, details, **more):
    raw = {"id": "e1", "kind": kind, "title": "T", "date": "2016-07-08", "details": details}
    raw.update(more)
    return parse_event(raw, "file.json")


def test_meeting_details_read_place_level_participants_and_decisions():
    event = parse(
        "summit",
        {
            "place": "Warsaw, Poland",
            "level": "heads_of_state_and_government",
            "participants": ["NATO Allies", "operational partners"],
            "decisions": [
                {"text": "Extend the mission", "concerns": "rsm"},
                {"text": "Keep funding"},
            ],
        },
    )
    meeting = meeting_details(event)
    assert meeting.place == "Warsaw, Poland"
    assert meeting.level_label == "Heads of State and Government"
    assert meeting.participants == ("NATO Allies", "operational partners")
    assert [d.text for d in meeting.decisions] == ["Extend the mission", "Keep funding"]
    assert referenced_keys(event) == [("details.decisions[0].concerns", "rsm")]


def test_troop_level_change_knows_its_change_and_period():
    event = parse(
        "troop_level_change",
        {
            "mission": "RSM",
            "level_before": 13000,
            "level_after": 16000,
            "approximate": True,
            "period": {"date": "2018", "wording": "over the course of 2018"},
            "contributing_nations": 38,
        },
    )
    change = troop_level_change(event)
    assert (change.change, round(change.change_percent, 1)) == (3000, 23.1)
    assert change.period.display() == "over the course of 2018"
    assert change.contributing_nations == 38


def test_fund_contributions_and_commitment_horizons():
    event = parse(
        "fund",
        {
            "administrator": "NATO",
            "established": "2007",
            "contributions": [
                {"amount_usd": 3_000_000_000, "qualifier": "over", "as_of": "2020-06"}
            ],
            "commitments": [
                {"horizon": "2020-12-31", "set_at": "warsaw", "action": "extended"},
                {"horizon": "2024-12-31", "set_at": "brussels", "action": "extended"},
            ],
        },
    )
    fund = fund_details(event)
    assert fund.established.exact_text() == "2007"
    assert fund.contributions[0].as_of.exact_text() == "June 2020"
    assert fund.latest_horizon.exact_text() == "31 December 2024"
    assert [k for _, k in referenced_keys(event)] == ["warsaw", "brussels"]


def test_mission_places():
    event = parse(
        "mission_milestone",
        {"mission": "RSM", "mission_period": True, "places": [{"name": "Herat", "role": "spoke"}]},
    )
    mission = mission_details(event)
    assert mission.mission_period and mission.places[0].name == "Herat"


@pytest.mark.parametrize(
    "kind, details, field",
    [
        ("summit", {"level": "kings"}, "details.level"),
        ("summit", {"decisions": [{"concerns": "x"}]}, "details.decisions[0].text"),
        ("summit", {"decisions": "all of them"}, "details.decisions"),
        ("troop_level_change", {"level_after": 5}, "details.mission"),
        ("troop_level_change", {"mission": "RSM", "level_after": "many"}, "details.level_after"),
        ("troop_level_change", {"mission": "RSM", "period": {"date": "soon"}}, "details.period"),
        (
            "fund",
            {"contributions": [{"amount_usd": 1, "qualifier": "maybe", "as_of": "2020"}]},
            "details.contributions[0].qualifier",
        ),
        ("fund", {"commitments": [{"horizon": "2020-13"}]}, "details.commitments[0].horizon"),
        ("mission_milestone", {"places": [{"role": "hub"}]}, "details.places[0].name"),
    ],
)
def test_malformed_details_name_the_field(kind, details, field):
    with pytest.raises(DatasetError) as caught:
        parse(kind, details)
    assert caught.value.field == field
    assert "file.json, event 'e1'" in str(caught.value)


TWO_SOURCES = [{"title": "Fact sheet", "paragraph": "6"}, {"title": "News item"}]


def test_a_decision_names_the_event_sources_that_state_it():
    event = parse(
        "summit",
        {"decisions": [{"text": "Extend", "sources": [2, 1]}, {"text": "Fund"}]},
        sources=TWO_SOURCES,
    )
    first, second = meeting_details(event).decisions
    assert first.sources == (2, 1)
    assert [event.sources[p - 1].title for p in first.sources] == ["News item", "Fact sheet"]
    assert second.sources == ()


@pytest.mark.parametrize(
    "positions, field, message",
    [
        ([3], "details.decisions[0].sources[0]", "no source 3: the event has 2 sources"),
        ([1, 0], "details.decisions[0].sources[1]", "must be a source number"),
        (["1"], "details.decisions[0].sources[0]", "must be a source number"),
        ([True], "details.decisions[0].sources[0]", "must be a source number"),
        ([2, 2], "details.decisions[0].sources[1]", "source 2 is named twice"),
        (2, "details.decisions[0].sources", "must be a list of source numbers"),
    ],
)
def test_a_decision_naming_a_source_the_event_lacks_is_refused(positions, field, message):
    details = {"decisions": [{"text": "Extend", "sources": positions}]}
    with pytest.raises(DatasetError) as caught:
        parse("summit", details, sources=TWO_SOURCES)
    assert caught.value.field == field
    assert "file.json, event 'e1'" in str(caught.value)
    assert message in str(caught.value)


def test_a_decision_of_an_event_without_sources_can_name_none():
    with pytest.raises(DatasetError, match="no source 1: the event has no sources"):
        parse("summit", {"decisions": [{"text": "Extend", "sources": [1]}]})
