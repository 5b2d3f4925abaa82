"""Word lists and title templates for synthetic events (see :mod:`explorer.store.generate`)."""

from __future__ import annotations

import numpy as np

from explorer.domain.events import EventKind, Lane

PLACES = (
    "Kabul",
    "Kandahar",
    "Herat",
    "Mazar-i-Sharif",
    "Jalalabad",
    "Kunduz",
    "Bagram",
    "Helmand",
    "Lashkar Gah",
    "Ghazni",
    "Khost",
    "Gardez",
    "Bamyan",
    "Faryab",
    "Badakhshan",
    "Paktika",
    "Zabul",
    "Uruzgan",
    "Farah",
    "Nangarhar",
    "Logar",
    "Wardak",
    "Parwan",
    "Kapisa",
    "Baghlan",
    "Brussels",
    "Istanbul",
    "Lisbon",
    "Chicago",
    "Bucharest",
    "Riga",
    "Warsaw",
    "Wales",
    "London",
    "Bonn",
    "Tokyo",
    "Geneva",
    "Doha",
    "Tashkent",
    "Islamabad",
)
ACTORS = (
    "NATO foreign ministers",
    "NATO defence ministers",
    "Allied leaders",
    "The North Atlantic Council",
    "The Afghan government",
    "The UN Security Council",
    "ISAF commanders",
    "The Secretary General",
    "Partner nations",
    "The European Union",
    "Donor countries",
    "The Afghan National Army",
    "The Afghan National Police",
    "Provincial governors",
    "Regional command staff",
)
TOPICS = (
    "border security",
    "police training",
    "election support",
    "counter-narcotics",
    "civilian protection",
    "transition of security responsibility",
    "reconstruction funding",
    "road and bridge repairs",
    "mentoring teams",
    "air support",
    "logistics",
    "detainee transfers",
    "mine clearance",
    "humanitarian access",
    "the national budget",
    "local governance",
    "a ceasefire",
    "refugee returns",
    "health clinics",
    "school reopening",
    "power supply",
)
MEETINGS = ("Meeting", "Talks", "Conference", "Consultations", "Working session")
UNITS = (
    "Provincial reconstruction team",
    "Battle group",
    "Training mission",
    "Mentoring team",
    "Regional command",
    "Helicopter detachment",
    "Field hospital",
    "Engineer company",
    "Special operations task force",
    "Police advisory team",
    "Air wing",
    "Logistics base",
)
MISSION_ACTIONS = (
    "deploys to",
    "hands over to Afghan forces in",
    "expands operations around",
    "withdraws from",
    "opens a base near",
    "closes its base near",
    "reinforces",
    "rotates out of",
    "takes command in",
)
FUNDS = (
    "the Afghan National Army Trust Fund",
    "the Law and Order Trust Fund",
    "a reconstruction fund",
    "the Afghanistan Reconstruction Trust Fund",
    "a demining programme",
    "a health programme",
    "an education fund",
    "the election support fund",
)
DONORS = (
    "Germany",
    "Norway",
    "Japan",
    "Canada",
    "The Netherlands",
    "Denmark",
    "Italy",
    "Australia",
    "The United Kingdom",
    "The United States",
    "Sweden",
    "Finland",
    "Turkey",
    "Poland",
    "Estonia",
)
FUND_ACTIONS = ("pledges to", "renews its contribution to", "doubles its support for", "pays into")
DOCUMENTS = (
    "a status of forces agreement",
    "a memorandum of understanding",
    "a partnership declaration",
    "a security agreement",
    "a transit arrangement",
    "a resolution",
    "a framework agreement",
    "a joint statement",
)
SIGNS = ("sign", "adopt", "extend", "agree on", "renew")
EVENTS = (
    "Convoy attacked",
    "Road reopened",
    "Market fire reported",
    "Flooding displaces families",
    "Checkpoint handed over",
    "Election commission meets",
    "Protest held",
    "Aid delivery arrives",
    "Power line repaired",
    "Clinic opens",
    "Curfew lifted",
    "Bridge destroyed",
    "Prisoners released",
    "Journalists detained",
    "Polio campaign starts",
    "Earthquake damages villages",
)
VISITORS = (
    "The Secretary General",
    "A congressional delegation",
    "The Defence Minister of Germany",
    "The President of Afghanistan",
    "The UN Special Representative",
    "A parliamentary committee",
    "The Chairman of the Military Committee",
    "The Foreign Minister of Pakistan",
)
VISIT_PURPOSES = (
    "to meet troops",
    "to discuss",
    "for talks on",
    "to review",
    "to open a conference on",
)


def _lower_the(words: str) -> str:
    return "the" + words[3:] if words.startswith("The ") else words


def _pick(rng: np.random.Generator, words: tuple[str, ...], n: int) -> list[str]:
    return [words[i] for i in rng.integers(0, len(words), n).tolist()]


def _titles_for(rng: np.random.Generator, lane: Lane, visit: bool, n: int) -> list[str]:
    """``n`` titles of one lane's typical shape, 4 to 14 words."""
    if lane is Lane.MEETINGS:
        parts = zip(_pick(rng, ACTORS, n), _pick(rng, MEETINGS, n), _pick(rng, PLACES, n),
                    _pick(rng, TOPICS, n), strict=True)  # fmt: skip
        return [f"{m} of {_lower_the(a)} in {p} on {t}" for a, m, p, t in parts]
    if lane is Lane.MISSIONS:
        parts = zip(_pick(rng, UNITS, n), _pick(rng, MISSION_ACTIONS, n), _pick(rng, PLACES, n),
                    strict=True)  # fmt: skip
        return [f"{u} {a} {p}" for u, a, p in parts]
    if lane is Lane.FUNDS:
        parts = zip(_pick(rng, DONORS, n), _pick(rng, FUND_ACTIONS, n), _pick(rng, FUNDS, n),
                    _pick(rng, TOPICS, n), strict=True)  # fmt: skip
        return [f"{d} {a} {f} for {t}" for d, a, f, t in parts]
    if lane is Lane.AGREEMENTS:
        parts = zip(_pick(rng, DONORS, n), _pick(rng, SIGNS, n), _pick(rng, DOCUMENTS, n),
                    _pick(rng, TOPICS, n), strict=True)  # fmt: skip
        return [f"Afghanistan and {_lower_the(d)} {s} {doc} on {t}" for d, s, doc, t in parts]
    if visit:
        parts = zip(_pick(rng, VISITORS, n), _pick(rng, PLACES, n), _pick(rng, VISIT_PURPOSES, n),
                    _pick(rng, TOPICS, n), strict=True)  # fmt: skip
        return [f"{v} visits {p} {w} {t}" for v, p, w, t in parts]
    parts = zip(_pick(rng, EVENTS, n), _pick(rng, PLACES, n), strict=True)
    return [f"{e} in {p}" for e, p in parts]


def title_parts(
    rng: np.random.Generator, kind: np.ndarray, kinds: tuple[EventKind, ...]
) -> list[str]:
    """A title for every event, in the shape typical of its kind's lane."""
    titles: list[str] = [""] * len(kind)
    for code, k in enumerate(kinds):
        rows = np.flatnonzero(kind == code).tolist()
        made = _titles_for(rng, k.lane, k is EventKind.VISIT, len(rows))
        for row, title in zip(rows, made, strict=True):
            titles[row] = title
    return titles
