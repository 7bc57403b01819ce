import datetime as dt

import pytest

from reports.documents import texts as rt


@pytest.mark.parametrize(
    "language, k, n, expected",
    [
        ("en", 12, 340, "4 per cent of 340 observations"),  # 3.53 per cent
        ("en", 3, 17, "3 of 17 observations"),  # fewer than 30: counts
        ("en", 0, 1, "0 of 1 observation"),
        ("ru", 45, 1400, "3% из 1\u00a0400 наблюдений"),
        ("ru", 3, 21, "3 из 21 наблюдения"),  # genitive singular after 21
        ("ru", 3, 11, "3 из 11 наблюдений"),
        ("kk", 40, 400, "400 байқаудың 10 пайызында"),
        ("kk", 2, 9, "9 байқаудың 2 байқауында"),
    ],
)
def test_shares_switch_from_counts_to_per_cent_at_thirty(language, k, n, expected):
    assert rt.share(language, k, n) == expected


def test_kazakh_has_a_form_outside_the_locative():
    assert rt.share("kk", 40, 400, within=False) == "400 байқаудың 10 пайызы"
    assert rt.share("kk", 2, 9, within=False) == "9 байқаудың 2 байқауы"


def test_per_cent_rounds_half_up_and_numbers_group_by_language():
    assert [rt.percent(1, 8), rt.percent(3, 8), rt.percent(1, 3), rt.percent(0, 0)] == [13, 38, 33, None]
    assert [rt.number("en", 9530), rt.number("kk", 9530)] == ["9,530", "9\u00a0530"]
    assert rt.share_cell("en", 3, 17) == "–" and rt.share_cell("en", 3, 30) == "10"


def test_dates_in_each_language():
    day = dt.date(2004, 9, 19)
    assert [rt.date(language, day) for language in rt.LANGUAGES] == [
        "19 September 2004",
        "19 сентября 2004 г.",
        "2004 жылғы 19 қыркүйек",
    ]


def test_every_language_has_every_text():
    keys = set(rt.TEXTS["en"])
    for language in ("ru", "kk"):
        assert set(rt.TEXTS[language]) - {"share_percent_plain", "share_count_plain"} == keys
