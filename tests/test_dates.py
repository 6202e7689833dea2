"""Dates as real pages print them (each string below is from an article of the corpus or the
issue that listed them), read into ISO dates; anything ambiguous or invalid stays unread."""

from __future__ import annotations

import pytest

from generator.ingest.dates import (
    date_in_address,
    date_line,
    find_dates,
    numeric_date_in_month,
    read_date,
)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published :`2024-07-26 23:36:21`", "2024-07-26"),
        ("PUBLISHED: 13:32 EST, 6 March 2014", "2014-03-06"),
        ("> Apr 8th 2020", "2020-04-08"),
        ("*03:30 AM, Tuesday, June 04, 2024*", "2024-06-04"),
        ("{{date|January 3, 2005}}", "2005-01-03"),
        ("Updated: Aug. 8, 2023 at 10:12 a.m. ET", "2023-08-08"),
        ("Tuesday, 8 August 2023", "2023-08-08"),
        ("Thu, 04/16/2015 - 15:30", "2015-04-16"),  # a feed's numeric date, read one way only
        ("Updated 16.04.2015", "2015-04-16"),
        ("2018-03-09 09:00:00 -0400", "2018-03-09"),  # a site generator's front matter
    ],
)
def test_a_line_that_only_dates_the_page_is_read(line: str, iso: str) -> None:
    found = date_line(line)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize(
    "line",
    [
        "On 6 March 2014, the court ruled that the law was void.",  # a date inside a sentence
        "26-02-20",  # day, month and year in two digits: ambiguous
        "04/06/2024",  # April 6 or 4 June
        "Thu, 04/06/2015 - 15:30",
        "Call 04/16/2015 to book",
        "The 2023 budget",  # no day
        "2023-02-30",  # no such day
        "By Jane Doe | March 3, 2023 and a sentence of the article follows here",
    ],
)
def test_dates_in_text_or_ambiguous_ones_do_not_date_the_page(line: str) -> None:
    assert date_line(line) is None


def test_a_web_address_path_dates_its_page() -> None:
    found = date_in_address("https://www.economist.com/asia/2020/04/08/why-the-virus-spreads")
    assert found is not None and found.iso == "2020-04-08"
    audio = "https://voa-audio.voanews.eu/vle/2024/11/21/c7694c92-9367-4a63-85dc-4e9ab7c77121.mp3"
    assert date_in_address(audio).iso == "2024-11-21"
    assert date_in_address("https://example.com/a/7872624.html") is None


def test_every_date_of_a_text_in_reading_order() -> None:
    text = "Between January 2023 and 16 September 2024, and on 2024-09-26, Microsoft acted."
    assert [d.iso for d in find_dates(text)] == ["2024-09-16", "2024-09-26"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [("8 August 2023", "2023-08-08"), ("Aug. 8, 2023", "2023-08-08"), ("2023-08-08", "2023-08-08")],
)
def test_a_text_that_is_one_date(text: str, iso: str) -> None:
    assert read_date(text) == iso
    assert read_date(f"{text} and 9 August 2023") is None


def test_a_datelines_place_and_date_alone_on_a_line_date_the_page() -> None:
    found = date_line("Washington D.C., March 22, 2023 —")
    assert found is not None and found.iso == "2023-03-22"
    assert date_line("The president said on March 22, 2023 —") is None


def test_a_numeric_date_is_read_only_by_the_year_and_month_its_address_gives() -> None:
    address = "https://example.org/2020/02/plant-species-loss/"
    assert numeric_date_in_month("26-02-20", address) == "2020-02-26"
    assert numeric_date_in_month("02/26/2020", address) == "2020-02-26"
    assert numeric_date_in_month("26-03-20", address) is None  # another month
    assert numeric_date_in_month("26-02-20", "https://example.org/news/plants/") is None
