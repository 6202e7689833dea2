"""Figures: each read to its kind, value (scale applied) and unit, on sentences of real articles;
numbers that name something are not figures."""

from __future__ import annotations

import pytest

from generator.analyse.figures import date_value, extract_figures, number_in


@pytest.fixture(scope="module")
def figures_of(parse):
    def extract(sentence: str) -> dict[str, tuple]:
        return {f.text: (f.kind, f.value, f.unit) for f in extract_figures(parse([sentence]))}

    return extract


def test_a_scale_ner_left_outside_the_span_is_applied(figures_of) -> None:
    # BBC Sport: NER reads "20" of "£20m" as the money; the "m" after it is the scale
    figures = figures_of("Gundogan has made 11 appearances for City following his £20m move.")
    assert figures["20"] == ("money", 20_000_000, "GBP")


def test_money_in_a_currency_written_as_a_word_and_its_sign(figures_of) -> None:
    figures = figures_of(
        "The court sentenced him to ten years in jail and fined him 1,000,000 Emirati Dirhams "
        "(US $270,000)."
    )
    assert figures["1,000,000"] == ("money", 1_000_000, "AED")
    assert ("money", 270_000, "USD") in figures.values()


def test_an_age_and_a_duration_are_quantities_in_years(figures_of) -> None:
    # Justice Department release: NER labels the age and the sentence's length as dates
    figures = figures_of(
        "In another case, Aaron Vincent Fretz, 41, of Nampa, was sentenced to 4 years and 9 "
        "months in federal prison for distribution of fentanyl."
    )
    assert figures["41"] == ("quantity", 41, "year")
    assert any(v == ("quantity", 4, "year") for v in figures.values())


def test_a_count_keeps_the_noun_it_counts(figures_of) -> None:
    figures = figures_of("The EU will provide 5.5 million potassium iodide tablets to Ukraine.")
    assert figures["5.5 million"] == ("count", 5_500_000, "tablets")


def test_numbers_inside_names_are_not_figures(figures_of) -> None:
    figures = figures_of(
        "These suggest that LHS 1140 b is a promising super-Earth, and two 18F developers "
        "built a prototype during COVID-19."
    )
    assert not any(text in figures for text in ("1140", "18F", "19", "COVID-19"))


def test_dates_read_to_their_iso_form() -> None:
    assert date_value("8 August 2023") == "2023-08-08"
    assert date_value("March of 2020") == "2020-03"
    assert date_value("the 1990s") == "1990s"
    assert date_value("2014") == "2014"
    assert date_value("about 20 years ago") is None
    assert date_value("Feb. 22") is None  # no year: no date to assert


def test_amounts_with_their_scale() -> None:
    assert number_in("$275m") == 275_000_000
    assert number_in("15 billion dlrs") == 15_000_000_000
    assert number_in("more than 1m Muslims") == 1_000_000
    assert number_in("two thousand") == 2000
    assert number_in("twenty-five") == 25
    assert number_in("nothing") is None


def test_a_count_keeps_the_noun_a_compound_ends_on(figures_of) -> None:
    # Treasury release, with the number in digits: "7 member states" counts states
    figures = figures_of(
        "The TFTC is a bold and historic effort to expand and strengthen the 7 member states’ "
        "cooperation."
    )
    assert figures["7"] == ("count", 7, "states")


def test_a_list_item_s_number_and_a_rank_are_no_figures(parse) -> None:
    # CalMatters' newsletter list, a Free Software Magazine newsletter, KFF Health News
    parsed = parse(
        [
            "1. Get California’s most essential headlines without feeling overwhelmed.",
            "2) Subscriptions. Ever wanted to follow that story and keep up to date?",
            "Heart failure “should have been No. 1 on the list of possible causes” for Watkins’ "
            "symptoms, said Dr. Ronald Wyatt.",
            "Researchers found that 25 hospital patients died.",
        ]
    )
    assert [(f.text, f.value, f.unit) for f in extract_figures(parsed)] == [("25", 25, "patients")]


def test_lakh_and_crore_scale_an_amount(figures_of) -> None:
    # Mongabay India
    figures = figures_of(
        "He announced an ex gratia compensation of ₹200,000 (₹2 lakhs) for the families of the "
        "deceased."
    )
    assert figures["200,000"] == figures["2"] == ("money", 200_000, "INR")
