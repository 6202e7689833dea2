import dataclasses
import pickle

from generator.model import Entity, Paragraph, Quote


def test_records_pickle_as_their_fields_and_share_short_strings():
    entity = Entity("Jane " + "Roe", "person", 3, aliases=("Ms " + "Roe",), paragraphs=("p" + "1",))
    loaded = [pickle.loads(pickle.dumps(entity, protocol=pickle.HIGHEST_PROTOCOL)) for _ in "ab"]
    assert loaded[0] == loaded[1] == entity
    assert loaded[0].name is loaded[1].name  # one copy of a recurring name
    assert loaded[0].aliases[0] is loaded[1].aliases[0]
    assert not hasattr(entity, "__dict__")
    assert dataclasses.replace(entity, mentions=4).mentions == 4


def test_long_text_is_not_interned_and_old_dict_pickles_still_load():
    text = "A long paragraph of article text, well over the length of a name. " * 3
    paragraph = Paragraph("p1", text, 3)
    assert pickle.loads(pickle.dumps(paragraph)).text == text
    # The form pickled before slots: a new object, then its __dict__ as its state.
    state = {"text": "x", "speaker": None, "role": None, "kind": "full", "paragraph": "p2"}

    class BeforeSlots:
        def __reduce__(self):
            return (object.__new__, (Quote,), {**state, "speaker_type": "unknown"})

    assert pickle.loads(pickle.dumps(BeforeSlots())) == Quote("x", None, None, "full", "p2")
