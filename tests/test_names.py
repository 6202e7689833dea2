"""Given names: a person's name NER typed otherwise, and the gender a pronoun agrees with."""

from __future__ import annotations

import pytest

from generator.analyse.names import given_name_gender, is_given_name


@pytest.mark.parametrize(
    ("word", "gender"),
    [("Divya", "female"), ("Janez", "male"), ("Wouter", "male"), ("Navin", "male")],
)
def test_a_given_name_of_one_gender(word, gender):
    assert is_given_name(word)
    assert given_name_gender(word) == gender


@pytest.mark.parametrize("word", ["Morgan", "Glyn", "Robin"])
def test_a_name_given_to_either_or_mostly_to_one_has_no_gender(word):
    assert is_given_name(word)
    assert given_name_gender(word) is None


@pytest.mark.parametrize("word", ["Lockheed", "Gazprom", "Netflix", "Nampa", "marine", "J.", ""])
def test_words_that_are_no_given_name(word):
    assert not is_given_name(word)
    assert given_name_gender(word) is None
