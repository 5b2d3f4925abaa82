import datetime as dt

import pytest

from explorer.domain.dates import DateError, FuzzyDate, Precision


@pytest.mark.parametrize(
    "text, precision, first, last, shown",
    [
        ("2016-07-08/2016-07-09", Precision.DAY_RANGE, "2016-07-08", "2016-07-09", "8–9 July 2016"),
        (
            "2017-11-09",
            Precision.DAY,
            "2017-11-09",
            "2017-11-09",
            "9 July 2017".replace("July", "November"),
        ),
        ("2018-07", Precision.MONTH, "2018-07-01", "2018-07-31", "July 2018"),
        ("2007", Precision.YEAR, "2007-01-01", "2007-12-31", "2007"),
        (
            "2014-09/2014-12",
            Precision.APPROXIMATE,
            "2014-09-01",
            "2014-12-31",
            "September–December 2014",
        ),
    ],
)
def test_parse_gives_interval_precision_and_text(text, precision, first, last, shown):
    when = FuzzyDate.parse(text)
    assert when.precision is precision
    assert when.start == dt.date.fromisoformat(first)
    assert when.last == dt.date.fromisoformat(last)
    assert when.exact_text() == shown
    assert FuzzyDate.parse(when.iso(), when.precision) == when


def test_vague_wording_is_kept_beside_the_interval():
    when = FuzzyDate.parse("2014-09/2014-12", "approximate", "late 2014")
    assert when.display() == "late 2014"
    assert not when.precision.is_exact
    assert when.days == 122


@pytest.mark.parametrize("bad", ["", "2016-13", "2016-02-30", "July 2016", "2016/2015", "1/2/3"])
def test_malformed_dates_are_rejected(bad):
    with pytest.raises(DateError):
        FuzzyDate.parse(bad)
