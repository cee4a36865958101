from __future__ import annotations

from pathlib import Path

import fasttext
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.classify import ftz, linear_model
from cleaner.classify import model as model_module
from cleaner.classify.ftz import read_fasttext
from cleaner.classify.linear_model import LinearModel, TokenTable, fnv1a, unsupported
from cleaner.classify.model import Classifier
from cleaner.classify.preprocess import Preprocessor
from cleaner.classify.scoring import prose_sentences
from cleaner.resources import models_dir

from .fasttext_files import WORDS, saved

# Lines the fast path would split differently, or must cut short: each takes the exact path.
AWKWARD = [
    "",
    "  two  spaces ",
    "a </s> rest is ignored",
    "__label__1 a label token is skipped",
    "nul\x00splits",
    "file\x1cseparator idiot",
    "ideographic\u3000space",
    "no-break\xa0space 傻 逼",
    "tab\tand\x0bvertical\x0cfeed\rreturn",
]


def binding(ft, lines: list[str]) -> np.ndarray:
    labels, probs = ft.predict(lines, k=-1)
    return np.array(
        [
            float(p[ls.index("__label__1")]) if "__label__1" in ls else 0.0
            for ls, p in zip(labels, probs, strict=True)
        ]
    )


# Hand-written lines every shipped model scores confidently: the samples' prose is mostly calm.
CONFIDENT = {
    "en": ["Ugh, I hate this build system so much.", "Terrible. Awful. I hate it.", "You are an idiot, read the docs."],
    "zh": ["你脑子有病吧，这么简单都不会", "傻逼，滚"],
}


def _sample_lines(lang: str) -> list[str]:
    texts = list(CONFIDENT[lang])
    for path in sorted(Path("samples").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines()[:40]:
            texts.extend(s.text for s in prose_sentences(line, "plain"))
    return Preprocessor.available().many(texts, lang)


# Every shipped fastText file, ensemble members included.
@pytest.mark.parametrize("name", sorted(p.stem for p in models_dir().glob("*.ftz")))
def test_shipped_models_predict_what_the_binding_predicts(name: str) -> None:
    path = models_dir() / f"{name}.ftz"
    lines = _sample_lines("zh" if name.endswith("_zh") else "en") + AWKWARD
    assert len(lines) > 500
    ours = LinearModel(read_fasttext(path)).probability(lines, "__label__1")
    theirs = binding(fasttext.load_model(str(path)), lines)
    assert np.abs(ours - theirs).max() < 1e-5
    assert theirs.max() > 0.5  # the comparison covers confident scores, not only near-zero ones


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("linear")
    return {
        "plain": saved(tmp, "plain.bin"),
        "trigram_pruned": saved(tmp, "pruned.ftz", quantize={"qnorm": True, "cutoff": 300}),
        "unigram": saved(tmp, "unigram.bin", wordNgrams=1),
    }


_token = st.one_of(
    st.sampled_from([*WORDS, "</s>", "__label__0", "__label__x", "unknown", "未知"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), min_size=1, max_size=6),
)
_line = st.lists(_token, max_size=12).flatmap(
    lambda toks: st.sampled_from([" ", "  ", "\t", "\x00", "\u3000"]).map(lambda sep: sep.join(toks))
)


@given(lines=st.lists(_line, min_size=1, max_size=8))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_line_predicts_as_in_the_binding(tiny_models: dict[str, Path], lines: list[str]) -> None:
    for path in tiny_models.values():
        ours = _linear(path).probability(lines, "__label__1")
        assert np.abs(ours - binding(_binding(path), lines)).max() < 1e-5, path.name


_CACHE: dict[Path, object] = {}


def _linear(path: Path) -> LinearModel:
    if path not in _CACHE:
        _CACHE[path] = LinearModel(read_fasttext(path))
    return _CACHE[path]  # type: ignore[return-value]


def _binding(path: Path):
    key = path.with_suffix(".binding")
    if key not in _CACHE:
        _CACHE[key] = fasttext.load_model(str(path))
    return _CACHE[key]


def test_forgetting_tokens_changes_no_score(tiny_models: dict[str, Path], monkeypatch) -> None:
    # Words in a different order in every line, so ids given after a clear name other words.
    lines = [f"{WORDS[i % 14]} {WORDS[(5 * i + 3) % 14]} x{i} {WORDS[(3 * i + 1) % 14]}" for i in range(200)]
    paths = [tiny_models["trigram_pruned"], tiny_models["plain"]]
    expected = [LinearModel(read_fasttext(p)).probability(lines, "__label__1") for p in paths]
    table = TokenTable()
    models = [LinearModel(read_fasttext(p), table) for p in paths]
    monkeypatch.setattr(linear_model, "MAX_TOKENS", 30)
    got: list[list[np.ndarray]] = [[], []]
    for i in range(0, 200, 10):  # as the stage calls them: every model on a batch, then the next batch
        for k, m in enumerate(models):
            got[k].append(m.probability(lines[i : i + 10], "__label__1"))
    for k in range(2):
        assert np.array_equal(np.concatenate(got[k]), expected[k])
    assert table.generation >= 5 and len(table.tokens) <= 30 + 40  # cleared between batches
    # A batch remembered before a clear is not answered from the old ids after it.
    first = lines[:10]
    models[0].probability(first, "__label__1")
    generation = table.generation
    models[0].probability(lines[100:140], "__label__1")  # more than 30 tokens: the next batch clears
    models[0].probability(lines[140:150], "__label__1")
    assert table.generation > generation
    assert np.array_equal(models[1].probability(first, "__label__1"), expected[1][:10])


def test_models_sharing_a_table_score_as_alone(tiny_models: dict[str, Path]) -> None:
    table = TokenTable()
    shared = {name: LinearModel(read_fasttext(p), table) for name, p in tiny_models.items()}
    lines = ["you idiot", "read the docs please", "未知 unknown __label__0 words", ""]
    for _ in range(2):  # the second round reads the first round's remembered ids
        for name, m in shared.items():
            alone = LinearModel(read_fasttext(tiny_models[name])).probability(lines, "__label__1")
            assert np.array_equal(m.probability(lines, "__label__1"), alone), name


def test_newline_inside_a_line_is_refused_as_the_binding_does(tiny_models: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match="one line at a time"):
        _linear(tiny_models["plain"]).probability(["two\nlines"], "__label__1")


def test_unknown_label_scores_zero(tiny_models: dict[str, Path]) -> None:
    assert _linear(tiny_models["plain"]).probability(["you idiot"], "__label__7").tolist() == [0.0]


def test_disagreeing_spaces_are_exactly_those_of_str_isspace() -> None:
    fasttext_spaces = " \n\r\t\v\f\x00"
    every = [chr(c) for c in range(0x110000)]
    disagree = {c for c in every if c.isspace() != (c in fasttext_spaces)}
    assert {c for c in every if linear_model._DISAGREE.fullmatch(c)} == disagree
    assert set(linear_model._ASCII_DISAGREE) == {c for c in disagree if c.isascii()}


def test_fnv1a_is_fasttexts_signed_byte_variant() -> None:
    assert fnv1a("a") == 0xE40C292C - (1 << 32)  # textbook FNV-1a for ASCII
    # Bytes over 0x7f are xor-ed sign-extended, so "é" (c3 a9) is not its textbook hash.
    h = 2166136261
    for b in "é".encode():
        h = ((h ^ (b | 0xFFFFFF00)) * 16777619) & 0xFFFFFFFF
    textbook = 2166136261
    for b in "é".encode():
        textbook = ((textbook ^ b) * 16777619) & 0xFFFFFFFF
    assert h != textbook
    assert fnv1a("é") & 0xFFFFFFFF == h


def test_models_it_cannot_reproduce_keep_the_binding(tmp_path: Path) -> None:
    subword = saved(tmp_path, "sub.bin", minn=2, maxn=4)
    assert unsupported(read_fasttext(subword).args) == "character n-grams (maxn > 0)"
    ova = saved(tmp_path, "ova.bin", loss="ova")
    assert unsupported(read_fasttext(ova).args) == "loss ova (only softmax is covered)"
    with pytest.raises(ValueError, match="cannot predict in numpy"):
        LinearModel(read_fasttext(ova))
    # Decided from the file's head: the rows of a model the binding scores are never decoded or kept.
    for path in (subword, ova):
        assert model_module._linear(path, None) is None
        assert not any(key[0] == str(path.resolve()) for key in ftz._SHARED)


def test_classifier_predicts_in_numpy_and_agrees_with_the_binding(tiny_model: Path) -> None:
    clf = Classifier.load(tiny_model)
    assert clf.linear is not None and clf.ft is None
    lines = clf.preprocess.many(["Are you even a programmer?", "Please add a test for this.", "ok"], "en")
    assert np.allclose(
        clf.raw(lines), binding(fasttext.load_model(str(tiny_model)), lines), atol=1e-5, rtol=0
    )
