from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from cleaner.lexicon import words
from cleaner.startup_cache import ENV


def test_prefix_dict_encoding_round_trips() -> None:
    value = ({"回滚": 3, "回": 0, "a b": 7, "é": 2**40}, 2**40 + 10)
    assert words._decode(words._encode(value)) == value
    assert words._decode(words._encode(({}, 0))) == ({}, 0)


def test_a_truncated_prefix_dict_file_does_not_decode() -> None:
    data = words._encode(({"回滚": 3, "代码": 5}, 8))
    for cut in (len(data) - 3, 20):
        with pytest.raises(ValueError):
            words._decode(data[:cut])


def test_prefix_dict_from_the_cache_equals_jiebas_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    tk = jieba.Tokenizer()
    want = tk.gen_pfdict(tk.get_dict_file())
    assert words._prefix_dict(jieba, tk) == want  # built, then written
    assert len(list(tmp_path.iterdir())) == 1
    monkeypatch.setattr(tk, "gen_pfdict", lambda f: pytest.fail("built again instead of read from the cache"))
    assert words._prefix_dict(jieba, tk) == want
