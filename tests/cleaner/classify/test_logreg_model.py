from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from cleaner.classify import train_cli
from cleaner.classify.data import DataSpec
from cleaner.classify.linear_model import TokenTable, fnv1a
from cleaner.classify.logreg_fit import LogRegParams, fit
from cleaner.classify.logreg_model import FORMAT, LogRegModel, features, smooth_idf
from cleaner.classify.model import Classifier, manifest_path
from cleaner.classify.train import train

from .conftest import CIVIL, HOSTILE, write_tiny

BUCKETS = 1 << 12


def _reference(lines: list[str], buckets: int) -> list[Counter]:
    """Each line's buckets counted the obvious way: token hashes and fastText's bigram hash."""
    out = []
    for line in lines:
        hashes = [fnv1a(t) & 0xFFFFFFFFFFFFFFFF for t in line.split()]
        c: Counter = Counter(h % buckets for h in hashes)
        c.update(
            ((a * 116049371 + b) & 0xFFFFFFFFFFFFFFFF) % buckets
            for a, b in zip(hashes, hashes[1:], strict=False)
        )
        out.append(c)
    return out


@pytest.mark.parametrize(
    "lines",
    [
        ["you are an idiot", "kill the process", "idiot idiot idiot"],
        ["one", "", "a b a b a b", "数 据 库", "__label__1 x y"],
    ],
)
def test_features_count_unigrams_and_in_line_bigrams(lines: list[str]) -> None:
    f = features(TokenTable(), lines, BUCKETS)
    got = [Counter() for _ in lines]
    for line, bucket, count in zip(f.line, f.bucket, f.count, strict=True):
        got[line][int(bucket)] += int(count)
    want = _reference(
        [" ".join(t for t in ln.split() if not t.startswith("__label__")) for ln in lines], BUCKETS
    )
    assert got == want


def test_probability_is_the_sigmoid_of_the_normalized_tfidf_dot_product() -> None:
    lines = ["you are an idiot", "thanks a lot", "idiot idiot"]
    table = TokenTable()
    f = features(table, lines, BUCKETS)
    rng = np.random.default_rng(0)
    keys = np.unique(f.bucket)
    idf, coef = rng.uniform(1, 3, len(keys)), rng.normal(size=len(keys))
    model = LogRegModel(keys, idf, coef, -0.25, BUCKETS, table=table)
    ref = _reference(lines, BUCKETS)
    lookup = dict(zip(keys.tolist(), zip(idf, coef, strict=True), strict=True))
    for line, p in zip(ref, model.probability(lines, "__label__1"), strict=True):
        vals = {b: (1 + math.log(n)) * lookup[b][0] for b, n in line.items()}
        norm = math.sqrt(sum(v * v for v in vals.values()))
        z = -0.25 + sum(v * lookup[b][1] for b, v in vals.items()) / norm
        assert p == pytest.approx(1 / (1 + math.exp(-z)), abs=1e-5)
    assert model.probability(lines, "__label__0") == pytest.approx(
        1 - model.probability(lines, "__label__1"), abs=1e-6
    )
    assert model.probability(["x"], "__label__7").tolist() == [0.0]


def test_a_line_with_no_known_bucket_scores_the_bias() -> None:
    model = LogRegModel(np.array([1, 2]), np.ones(2), np.ones(2), 0.0, BUCKETS)
    assert model.probability(["entirely unseen words"], "__label__1").tolist() == [0.5]


def test_save_load_round_trip(tmp_path: Path) -> None:
    lines = [*HOSTILE, *CIVIL] * 3
    labels = ([1] * len(HOSTILE) + [0] * len(CIVIL)) * 3
    model = fit(lines, labels, LogRegParams(buckets=BUCKETS))
    path = tmp_path / "m.npz"
    model.save(path)
    again = LogRegModel.load(path)
    assert again.buckets == BUCKETS and again.bias == model.bias
    np.testing.assert_array_equal(
        again.probability(lines, "__label__1"), model.probability(lines, "__label__1")
    )


def test_load_refuses_a_file_that_is_not_a_model(tmp_path: Path) -> None:
    path = tmp_path / "x.npz"
    np.savez(path, weights=np.zeros(3))
    with pytest.raises(ValueError, match="missing"):
        LogRegModel.load(path)


def test_fit_separates_the_classes_and_is_deterministic() -> None:
    lines = [*HOSTILE, *CIVIL]
    labels = [1] * len(HOSTILE) + [0] * len(CIVIL)
    a = fit(lines, labels, LogRegParams(buckets=BUCKETS, min_df=1))
    b = fit(lines, labels, LogRegParams(buckets=BUCKETS, min_df=1))
    p = a.probability(lines, "__label__1")
    assert (p[: len(HOSTILE)] > 0.5).all() and (p[len(HOSTILE) :] < 0.5).all()
    np.testing.assert_array_equal(p, b.probability(lines, "__label__1"))


def test_min_df_drops_rare_buckets_from_the_model() -> None:
    lines = ["common word", "common thing", "rare"]
    model = fit(lines, [1, 0, 1], LogRegParams(buckets=BUCKETS, min_df=2))
    common = fnv1a("common") % BUCKETS
    rare = fnv1a("rare") % BUCKETS
    assert common in model.keys.tolist() and rare not in model.keys.tolist()
    assert smooth_idf(np.array([0, 1, 5]), 5, 2).tolist()[:2] == [0.0, 0.0]


def test_fit_refuses_one_class_and_bad_params() -> None:
    with pytest.raises(ValueError, match="both classes"):
        fit(["a", "b"], [1, 1], LogRegParams())
    with pytest.raises(ValueError, match="unknown logreg parameter 'lr'"):
        LogRegParams.parse("lr=0.1")
    with pytest.raises(ValueError, match="C > 0"):
        LogRegParams.parse("C=0")
    assert LogRegParams.parse("C=3,min_df=1") == LogRegParams(C=3.0, min_df=1)


def test_train_save_load_predict_round_trip(tmp_path: Path) -> None:
    data = write_tiny(tmp_path / "tiny.jsonl")
    out = tmp_path / "abuse_en.npz"
    res = train([DataSpec(data)], "abuse", "en", out, algo="logreg", grid=(LogRegParams(buckets=BUCKETS),))
    man = json.loads(manifest_path(out).read_text())
    assert man["format"] == FORMAT and man["quantize"] is None and man["params"]["C"] == 10.0
    assert res.manifest["dev_metrics"]["at_threshold"]["f1"] > 0.9
    clf = Classifier.load(out)
    assert isinstance(clf.linear, LogRegModel) and clf.ft is None
    hostile, civil = clf.predict(["Are you even a programmer?", "Please add a test for this."])
    assert hostile > clf.threshold > civil
    again = tmp_path / "again.npz"
    train([DataSpec(data)], "abuse", "en", again, algo="logreg", grid=(LogRegParams(buckets=BUCKETS),))
    assert again.read_bytes() == out.read_bytes()


def test_cli_trains_logreg_and_refuses_fasttext_params_for_it(tmp_path: Path, capsys) -> None:
    data = write_tiny(tmp_path / "tiny.jsonl")
    base = ["--data", str(data), "--task", "abuse", "--lang", "en", "--algo", "logreg"]
    assert train_cli.main([*base, "--out", str(tmp_path / "m.npz"), "--params", "C=3,buckets=4096"]) == 0
    assert json.loads(manifest_path(tmp_path / "m.npz").read_text())["params"]["C"] == 3.0
    assert "wrote" in capsys.readouterr().out
    assert train_cli.main([*base, "--out", str(tmp_path / "n.npz"), "--params", "lr=0.1"]) == 2
    assert "unknown logreg parameter" in capsys.readouterr().err
    assert train_cli.main([*base, "--out", str(tmp_path / "n.npz"), "--pretrain"]) == 2
    assert "--pretrain" in capsys.readouterr().err
