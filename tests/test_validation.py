"""Lexicon files are validated: a misspelt key or a wrong type is an error naming the file and key."""

from __future__ import annotations

import pytest

from analysis.actors import lexicon as actor_lexicon
from analysis.quotes.cues import CueFile, load_cues
from analysis.validation import LexiconError, read_lexicon


def test_misspelt_cue_group_names_the_key_and_the_valid_ones(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text("speech: [say, tell]\nspeach: [declare]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cues.yaml: unknown key 'speach'; valid keys are \[.*speech"):
        load_cues(str(path))


def test_custom_cue_lexicon_is_read_whole(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text("speech: [Declare]\naccording: [according to]\n", encoding="utf-8")
    cues = load_cues(str(path))
    assert cues["speech"] == {"declare"} and cues["according"] == {"according to"} and cues["belief"] == set()


def test_wrong_type_is_an_error(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text("speech: say\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="key 'speech'"):
        read_lexicon(path, CueFile)


def test_not_a_mapping_and_not_yaml(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text("- say\n- tell\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="must be a mapping"):
        read_lexicon(path, CueFile)
    path.write_text("speech: [say\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="not valid YAML"):
        read_lexicon(path, CueFile)


def test_misspelt_key_in_an_actor_lexicon(tmp_path, monkeypatch):
    (tmp_path / "my_titles.yaml").write_text("heads: [minister]\nhonorific: [Mr]\n", encoding="utf-8")
    monkeypatch.setattr(actor_lexicon, "LEXICONS_DIR", tmp_path)
    with pytest.raises(LexiconError, match="my_titles.yaml: unknown key 'honorific'"):
        actor_lexicon._read_yaml("my_titles", actor_lexicon.TitlesFile)


def test_shipped_lexicons_are_valid():
    lex = actor_lexicon.load_lexicon()
    assert "minister" in lex.title_heads and lex.person_pronouns
    assert load_cues()["speech"]
