"""Small pure pieces: routing, preprocessing, calibration, metrics, data specs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleaner.classify.calibrate import Platt
from cleaner.classify.data import DataSpec, dev_folds, load_split
from cleaner.classify.langid import dominant, route
from cleaner.classify.metrics import Confusion, SpanOverlap, best_threshold
from cleaner.classify.preprocess import PreprocessMismatch, Preprocessor
from cleaner.classify.train import Params


@pytest.mark.parametrize(
    ("text", "langs"),
    [
        ("Did you even read the docs?", ("en",)),
        ("你是来搞笑的吗", ("zh",)),
        ("这个 bug 太傻逼了 fix it now you idiot", ("en", "zh")),
        ("请看 README", ("zh",)),
        ("Это не работает", ()),
        ("🙄 1234", ()),
    ],
)
def test_route(text: str, langs: tuple[str, ...]) -> None:
    assert route(text) == langs


def test_dominant_language_of_a_turn() -> None:
    assert dominant("这个问题 see README") == "zh"
    assert dominant("") is None


def test_preprocess_masks_urls_mentions_digits_and_splits_chinese() -> None:
    pre = Preprocessor(normalize=True, lexicon_features=False)
    assert pre("@bob see https://x.io/a?b=1 in 2024!!!", "en") == "user see url in 0 !!!"
    assert pre("这个SB需求", "zh") == "这 个 sb 需 求"
    assert pre("THIS IS COMPLETELY BROKEN AGAIN", "en").endswith("__caps__")
    assert "__caps__" not in pre("the API returns JSON over HTTP", "en")


def test_preprocess_lexicon_tokens_see_obfuscation() -> None:
    line = Preprocessor(normalize=True, lexicon_features=True)("you f.u.c.k.i.n.g idiot", "en")
    assert "__lex_insult" in line.split()


def test_manifest_recipe_from_another_version_is_refused() -> None:
    with pytest.raises(PreprocessMismatch, match="retrain"):
        Preprocessor.from_manifest({"version": 999, "normalize": True, "lexicon_features": False})


def test_platt_recovers_a_shifted_scale() -> None:
    rng = random.Random(0)
    scores = [rng.random() for _ in range(2000)]
    gold = [rng.random() < s**2 for s in scores]  # true probability is s^2: raw scores are overconfident
    platt = Platt.fit(scores, gold)
    assert platt(0.5) < 0.4
    assert platt(0.2) < platt(0.5) < platt(0.9)


def test_platt_survives_separable_data() -> None:
    platt = Platt.fit([0.1, 0.2, 0.8, 0.9], [False, False, True, True])
    assert 0.0 < platt(0.1) < platt(0.9) < 1.0


def test_confusion_and_best_threshold() -> None:
    gold = [True, True, False, False]
    th, c = best_threshold(gold, [0.9, 0.6, 0.55, 0.1])
    assert th > 0.55 and (c.tp, c.fp, c.fn, c.tn) == (2, 0, 0, 2)
    empty = Confusion()
    assert empty.f1 == 0.0 and empty.as_dict()["n"] == 0


def test_span_overlap_counts_characters() -> None:
    s = SpanOverlap()
    s.add([(0, 10)], [(5, 15)])
    assert s.as_dict() == {**s.as_dict(), "overlap_chars": 5, "precision": 0.5, "recall": 0.5}


def test_data_spec_weights() -> None:
    assert DataSpec.parse("a/b.jsonl") == DataSpec(Path("a/b.jsonl"))
    assert DataSpec.parse("a/b.jsonl:3") == DataSpec(Path("a/b.jsonl"), 3.0, 3.0)
    assert DataSpec.parse("a/b.jsonl:0.2,1") == DataSpec(Path("a/b.jsonl"), 0.2, 1.0)
    assert DataSpec.parse("C:/x.jsonl") == DataSpec(Path("C:/x.jsonl"))


def test_params_parse_rejects_unknown_keys() -> None:
    assert Params.parse("lr=0.05,epoch=5").lr == 0.05
    with pytest.raises(ValueError, match="unknown fastText parameter"):
        Params.parse("learning_rate=1")


def test_dev_carving_keeps_threads_apart(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    rows = [f'{{"text": "t{i}", "label": {i % 2}, "meta": {{"fold10": {i % 7}}}}}' for i in range(70)]
    p.write_text("\n".join(rows))
    split = load_split([DataSpec(p, 2.0, 1.0)], "en", seed=1)
    assert {e.fold for e in split.dev} == {6}
    assert not {e.text for e in split.dev} & {e.text for e in split.train}
    assert sum(e.label for e in split.train) == 2 * sum(1 - e.label for e in split.train)
    assert dev_folds(split.dev + split.train) == frozenset({6})
