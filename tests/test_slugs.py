from generator.slugs import slugify, unique_slugs


def test_slugify_makes_ascii_words():
    assert (
        slugify("China’s Rare Russia Rebuke: Doesn’t Mean…")
        == "chinas-rare-russia-rebuke-doesnt-mean"
    )
    assert slugify("Ünïcödé Café — Zürich") == "unicode-cafe-zurich"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("/") == ""
    assert len(slugify("word " * 40)) <= 60


def test_slugify_spells_other_scripts_in_ascii_rather_than_dropping_them():
    assert slugify("Łukaszenka meets Putin") == "lukaszenka-meets-putin"
    assert slugify("Москва и Пекин") == "moskva-i-pekin"
    assert slugify("北京 上海") == "bei-jing-shang-hai"


def test_unique_slugs_number_repeats_in_order():
    assert unique_slugs(["a", "b", "a", "", "a"], fallback="article") == [
        "a",
        "b",
        "a-2",
        "article",
        "a-3",
    ]


def test_no_item_takes_a_listing_page():
    assert unique_slugs(["index", "index", "budget"]) == ["index-2", "index-3", "budget"]
