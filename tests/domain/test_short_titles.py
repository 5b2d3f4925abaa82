"""Short titles a label falls back to when the whole title does not fit."""

import pytest

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import EventKind as K
from explorer.domain.short_titles import short_title


@pytest.mark.parametrize(
    ("kind", "title", "date", "short"),
    [
        (K.SUMMIT, "Warsaw Summit", "2016-07-08/2016-07-09", "Warsaw 2016"),
        (K.SUMMIT, "Strasbourg-Kehl Summit", "2009-04-03/2009-04-04", "Strasbourg-Kehl 2009"),
        (
            K.MINISTERIAL_MEETING,
            "Defence Ministers' meeting on Afghanistan",
            "2017-11-09",
            "DefMin Nov 2017",
        ),
        (
            K.MINISTERIAL_MEETING,
            "Foreign Ministers launch Resolute Support",
            "2014-12-02",
            "ForMin Dec 2014",
        ),
        (
            K.MINISTERIAL_MEETING,
            "Defence Ministers' meeting (virtual)",
            "2020-06",
            "DefMin Jun 2020",
        ),
        (K.LEADERS_MEETING, "London Leaders' Meeting", "2019-12-03/2019-12-04", "Leaders Dec 2019"),
        (K.UN_RESOLUTION, "UN Security Council Resolution 1510", "2003-10-13", "UNSCR 1510"),
        (
            K.UN_RESOLUTION,
            "UN Security Council extends ISAF to December 2003",
            "2002-11-27",
            "UNSC Nov 2002",
        ),
        (K.TROOP_LEVEL_CHANGE, "ISAF at about 18,500 troops", "2006-07-31", "ISAF ~18,500"),
        (K.TROOP_LEVEL_CHANGE, "Resolute Support peaks at 17,178 troops", "2019-10", "RS 17,178"),
        (K.TROOP_LEVEL_CHANGE, "ISAF at its peak", "2011", None),
        (K.MISSION_MILESTONE, "ISAF flag cased in Kabul", "2014-12-28", None),
        (K.MINISTERIAL_MEETING, "Ministers meet", "2017", None),
    ],
)
def test_short_title(kind, title, date, short):
    assert short_title(kind, title, FuzzyDate.parse(date)) == short


def test_a_meeting_known_to_the_year_only_is_not_given_a_month():
    when = FuzzyDate.parse("2017")
    assert short_title(K.LEADERS_MEETING, "Leaders meet", when) == "Leaders 2017"
