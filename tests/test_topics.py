from pathlib import Path

import pytest

from generator.ingest.topics import TopicFileError, load_topics

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_topic_file_defines_the_required_topics():
    names = {t.name for t in load_topics(ROOT / "seeds" / "topics.yaml")}
    required = {"Taiwan", "Ukraine peace plan", "Central Asia", "Sanctions", "Energy trade"}
    assert required | {"Military cooperation", "NATO", "The Ukraine war"} <= names


def test_missing_file_means_no_topics(tmp_path):
    assert load_topics(tmp_path / "none.yaml") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("topics: [\n  - id: a\n", "not valid YAML"),
        ("- just a list\n", "list under 'topics:'"),
        ("topics:\n  - id: Bad Id\n    name: X\n    terms: [x]\n", "lowercase"),
        ("topics:\n  - id: a\n    name: A\n    terms: []\n", "non-empty list"),
        ("topics:\n  - id: a\n    name: A\n    terms: [x]\n    colour: red\n", "unknown key"),
        ("topics:\n  - id: a\n    name: A\n    terms: [x]\n    min_evidence: 0\n", "min_evidence"),
        (
            "topics:\n  - {id: a, name: A, terms: [x]}\n  - {id: a, name: B, terms: [y]}\n",
            "repeats the id 'a' of topic #1",
        ),
        ("topics:\n  - !!python/object:os.system {}\n", "not valid YAML"),
        ("topics:\n  - {id: index, name: Index, terms: [x]}\n", "Topics listing's own page"),
    ],
)
def test_malformed_topic_files_are_reported_with_the_reason(tmp_path, text, message):
    path = tmp_path / "topics.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TopicFileError, match=message) as raised:
        load_topics(path)
    assert f"{tmp_path.name}/topics.yaml" in str(raised.value)  # the file, not the whole path


def test_a_topic_file_error_names_the_file_but_not_where_it_lives(tmp_path):
    path = tmp_path / "seeds" / "topics.yaml"
    path.parent.mkdir()
    path.write_text("topics:\n  - id: Bad Id\n    name: X\n    terms: [x]\n", encoding="utf-8")
    with pytest.raises(TopicFileError) as raised:
        load_topics(path)
    assert str(raised.value).startswith("seeds/topics.yaml: topic #1")
    assert str(tmp_path) not in str(raised.value)


def test_a_topic_may_name_its_sub_questions_as_facets_with_terms(tmp_path):
    from generator.ingest.topics import TopicFileError, load_topics
    from generator.model import Facet

    path = tmp_path / "topics.yaml"
    path.write_text(
        "topics:\n  - id: taiwan\n    name: Taiwan\n    terms: [Taiwan]\n    facets:\n"
        "      - name: The one-China principle\n        terms: [one-China, reunification]\n",
        encoding="utf-8",
    )
    (topic,) = load_topics(path)
    assert topic.facets == (Facet("The one-China principle", ("one-China", "reunification")),)
    path.write_text(
        "topics:\n  - id: taiwan\n    name: Taiwan\n    terms: [Taiwan]\n    facets:\n"
        "      - name: Drills\n",
        encoding="utf-8",
    )
    with pytest.raises(TopicFileError, match=r"facet #1 must be a mapping with a non-empty 'name'"):
        load_topics(path)
