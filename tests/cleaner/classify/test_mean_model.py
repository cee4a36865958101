from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from cleaner.classify import train_cli
from cleaner.classify.data import DataSpec
from cleaner.classify.logreg_fit import LogRegParams
from cleaner.classify.mean_model import MeanModel
from cleaner.classify.model import Classifier, manifest_path
from cleaner.classify.train import train
from cleaner.classify.train_mean import train_mean

from .conftest import write_tiny

LINES = ["are you even a programmer ?", "please add a test for this .", "thanks for the report ."]


@pytest.fixture(scope="module")
def members(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path) -> tuple[Path, Path, Path]:
    """A fastText and a logreg model of the same tiny data, side by side, and that data."""
    d = tmp_path_factory.mktemp("mean")
    ft = d / "tiny_ft.ftz"
    shutil.copy(tiny_model, ft)
    shutil.copy(manifest_path(tiny_model), manifest_path(ft))
    data = write_tiny(d / "tiny.jsonl")
    lr = d / "tiny_lr.npz"
    train([DataSpec(data)], "abuse", "en", lr, algo="logreg", grid=(LogRegParams(buckets=4096),))
    return ft, lr, data


def test_ensemble_scores_the_mean_of_its_members_raw_scores(members: tuple[Path, Path, Path]) -> None:
    ft, lr, data = members
    out = ft.parent / "tiny.json"
    man = train_mean([ft, lr], [DataSpec(data)], "abuse", "en", out, command="cleaner train --algo mean")
    assert [m["file"] for m in man["members"]] == ["tiny_ft.ftz", "tiny_lr.npz"]
    assert man["format"] == "mean" and 0 < man["threshold"] < 1
    ens = Classifier.load(out)
    a, b = Classifier.load(ft), Classifier.load(lr)
    assert isinstance(ens.linear, MeanModel)
    np.testing.assert_allclose(
        ens.raw(LINES), (np.array(a.raw(LINES)) + np.array(b.raw(LINES))) / 2, atol=1e-6
    )
    hostile, civil = ens.predict(["Are you even a programmer?", "Please add a test for this."])
    assert hostile > ens.threshold > civil
    assert set(man["dev_metrics"]["members_at_own_threshold"]) == {"tiny_ft.ftz", "tiny_lr.npz"}


def test_members_must_agree_and_sit_next_to_the_ensemble(
    members: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    ft, lr, data = members
    with pytest.raises(ValueError, match="folder"):
        train_mean([ft, lr], [DataSpec(data)], "abuse", "en", tmp_path / "x.json")
    with pytest.raises(ValueError, match=r"\.json"):
        train_mean([ft, lr], [DataSpec(data)], "abuse", "en", ft.parent / "x.ftz")
    with pytest.raises(ValueError, match="not emotion/en"):
        train_mean([ft, lr], [DataSpec(data)], "emotion", "en", ft.parent / "x.json")
    with pytest.raises(ValueError, match="at least two"):
        MeanModel([Classifier.load(ft)])


def test_cli_builds_an_ensemble_and_refuses_one_member(members: tuple[Path, Path, Path], capsys) -> None:
    ft, lr, data = members
    out = ft.parent / "cli.json"
    base = ["--data", str(data), "--task", "abuse", "--lang", "en", "--algo", "mean", "--out", str(out)]
    assert train_cli.main([*base, "--member", str(ft), "--member", str(lr)]) == 0
    assert "mean of tiny_ft.ftz, tiny_lr.npz" in capsys.readouterr().out
    assert json.loads(out.read_text())["command"].startswith("cleaner train --data")
    assert train_cli.main([*base, "--member", str(ft)]) == 2
    assert "two or more" in capsys.readouterr().err
    plain = ["--data", str(data), "--task", "abuse", "--lang", "en", "--out", str(out.with_suffix(".ftz"))]
    assert train_cli.main([*plain, "--member", str(ft)]) == 2
    assert "--member needs --algo mean" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "hostile", "civil"),
    [
        ("abuse_en", "Are you even a programmer? Read the docs, idiot.", "Thanks, that fixed it for me."),
        ("abuse_zh", "你脑子有病吧，这么简单都不会", "升级到最新版本之后启动就报错了，求大佬看看。"),
    ],
)
def test_shipped_abuse_models_are_the_mean_of_fasttext_and_logreg(name: str, hostile: str, civil: str) -> None:
    from cleaner.classify.linear_model import LinearModel
    from cleaner.classify.logreg_model import LogRegModel
    from cleaner.resources import models_dir, resolve
    from cleaner.stages.classifier import DEFAULT_MODELS

    clf = Classifier.load(resolve(DEFAULT_MODELS[name]))
    assert isinstance(clf.linear, MeanModel)
    kinds = sorted(type(m.linear).__name__ for m in clf.linear.members)
    assert kinds == sorted([LinearModel.__name__, LogRegModel.__name__])
    # Every file the ensemble names is shipped, and says how it was built.
    for m in json.loads((models_dir() / f"{name}.json").read_text())["members"]:
        assert (models_dir() / m["file"]).is_file() and m["command"].startswith("cleaner train")
    p_hostile, p_civil = clf.predict([hostile, civil])
    assert p_hostile > clf.threshold > p_civil


def test_members_with_different_preprocessing_are_refused(members: tuple[Path, Path, Path]) -> None:
    ft, _, data = members
    other = ft.parent / "plain_lr.npz"
    train(
        [DataSpec(data)],
        "abuse",
        "en",
        other,
        algo="logreg",
        grid=(LogRegParams(buckets=4096),),
        lexicon_features=False,
    )
    with pytest.raises(ValueError, match="disagree"):
        train_mean([ft, other], [DataSpec(data)], "abuse", "en", ft.parent / "bad.json")


def test_an_ensemble_whose_member_is_gone_names_it(members: tuple[Path, Path, Path]) -> None:
    ft, lr, data = members
    out = ft.parent / "gone.json"
    train_mean([ft, lr], [DataSpec(data)], "abuse", "en", out)
    man = json.loads(out.read_text())
    man["members"][1]["file"] = "nowhere.npz"
    out.write_text(json.dumps(man))
    with pytest.raises(FileNotFoundError, match="nowhere.npz"):
        Classifier.load(out)
