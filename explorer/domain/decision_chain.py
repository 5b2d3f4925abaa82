"""Following a meeting's decision through time: which later meetings reaffirmed or extended the
commitment it made, and which earlier one a meeting's commitment reaffirmed.

The links come from a fund's commitment horizons (each names the meeting that set, extended or
reaffirmed it, in the order the sources give them), so they exist per decision — the decision
that concerns the fund — wherever the dataset records a horizon, not only per event.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.domain.dates import FuzzyDate
from explorer.domain.details import Commitment, FundDetails


@dataclass(frozen=True, slots=True)
class DecisionLink:
    """Another meeting's step on the same commitment: ``action`` is how that meeting read it
    from this one's side ('reaffirmed at', 'extended at', 'reaffirms', 'extends')."""

    action: str
    meeting_key: str
    horizon: FuzzyDate
    wording: str


@dataclass(frozen=True, slots=True)
class DecisionChain:
    """What a meeting committed to (its horizon), what came of it later, and what it built on."""

    horizon: FuzzyDate
    wording: str
    action: str  # this meeting's own step: set, extended or reaffirmed
    later: tuple[DecisionLink, ...]
    earlier: tuple[DecisionLink, ...]


def decision_chain(meeting_key: str, fund: FundDetails) -> DecisionChain | None:
    """The chain of the commitment ``meeting_key`` made to ``fund``, or None if it made none.

    Later: the meetings after it (in the sources' order) on the same horizon (reaffirmed) or
    moving it further (extended), until the next extension replaced it. Earlier: the meeting
    that set or extended the horizon this one reaffirmed or extended.
    """
    steps = list(fund.commitments)
    mine = [i for i, c in enumerate(steps) if c.set_at == meeting_key]
    if not mine:
        return None
    here = steps[mine[-1]]
    later: list[DecisionLink] = []
    for step in steps[mine[-1] + 1 :]:
        if step.set_at is None or step.set_at == meeting_key:
            continue
        if step.horizon.end_day == here.horizon.end_day:
            later.append(_link("reaffirmed at", step))
        elif step.horizon.end_day > here.horizon.end_day:
            later.append(_link("extended at", step))
            break  # from here on the later horizon is what is reaffirmed
    earlier: list[DecisionLink] = []
    if here.action != "set":
        # the meeting that set or extended what this one builds on (not another reaffirmation)
        for step in reversed(steps[: mine[0]]):
            if step.set_at in (None, meeting_key) or step.action == "reaffirmed":
                continue
            if step.horizon.end_day <= here.horizon.end_day:
                same = step.horizon.end_day == here.horizon.end_day
                earlier.append(_link("reaffirms" if same else "extends", step))
                break
    return DecisionChain(here.horizon, here.wording, here.action, tuple(later), tuple(earlier))


def _link(action: str, step: Commitment) -> DecisionLink:
    return DecisionLink(action, step.set_at or "", step.horizon, step.wording)
