"""A meeting's commitment to a fund, followed through the fund's commitment horizons."""

from __future__ import annotations

from explorer.domain.dataset import parse_event
from explorer.domain.decision_chain import decision_chain
from explorer.domain.details import fund_details

STEPS = [
    ("chicago", "set", "2017-12-31"),
    ("wales", "reaffirmed", "2017-12-31"),
    ("warsaw", "extended", "2020-12-31"),
    ("brussels", "extended", "2024-12-31"),
    ("london", "reaffirmed", "2024-12-31"),
    ("dm-feb", "reaffirmed", "2024-12-31"),
]


def _fund():
    commitments = [
        {"horizon": h, "wording": f"to {h[:4]}", "set_at": m, "action": a} for m, a, h in STEPS
    ]
    raw = {
        "id": "fund",
        "kind": "fund",
        "title": "Fund",
        "date": "2007",
        "details": {
            "administrator": "NATO",
            "purpose": "p",
            "contributions": [],
            "commitments": commitments,
        },
    }
    return fund_details(parse_event(raw, "test"))


def _links(links):
    return [(link.action, link.meeting_key) for link in links]


def test_later_meetings_reaffirm_until_the_next_extension():
    chain = decision_chain("brussels", _fund())
    assert (chain.action, chain.wording) == ("extended", "to 2024")
    assert _links(chain.later) == [("reaffirmed at", "london"), ("reaffirmed at", "dm-feb")]
    assert _links(chain.earlier) == [("extends", "warsaw")]
    chicago = decision_chain("chicago", _fund())
    assert _links(chicago.later) == [("reaffirmed at", "wales"), ("extended at", "warsaw")]
    assert chicago.earlier == ()


def test_a_reaffirmation_points_to_the_meeting_that_made_the_commitment():
    chain = decision_chain("dm-feb", _fund())
    assert _links(chain.earlier) == [("reaffirms", "brussels")]
    assert chain.later == ()
    assert _links(decision_chain("wales", _fund()).earlier) == [("reaffirms", "chicago")]


def test_a_meeting_without_a_commitment_has_no_chain():
    assert decision_chain("lisbon", _fund()) is None
