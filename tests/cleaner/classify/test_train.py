from __future__ import annotations

import json
from pathlib import Path

from cleaner.classify import train_cli
from cleaner.classify.model import Classifier, manifest_path
from cleaner.classify.preprocess import Preprocessor

from .conftest import train_tiny, write_tiny


def test_round_trip_predicts_what_it_learned(tiny_model: Path) -> None:
    clf = Classifier.load(tiny_model)
    hostile, civil = clf.predict(["Are you even a programmer?", "Please add a test for this."])
    assert hostile > 0.5 > civil
    assert clf.task == "abuse" and clf.lang == "en"
    assert clf.preprocess == Preprocessor.from_manifest(clf.manifest["preprocess"])


def test_manifest_records_data_hash_metrics_and_quantized_model(tiny_model: Path) -> None:
    man = json.loads(manifest_path(tiny_model).read_text())
    assert len(man["data"][0]["sha256"]) == 64
    assert man["format"] == "fasttext-quantized"
    assert man["dev_metrics"]["at_threshold"]["n"] == man["dev"]["rows"] > 0
    assert 0.0 < man["threshold"] < 1.0
    assert set(man["calibration"]) == {"a", "b"}
    assert tiny_model.stat().st_size < 10_000_000


def test_same_seed_same_bytes(tmp_path: Path, tiny_model: Path) -> None:
    again = train_tiny(tmp_path)
    assert again.read_bytes() == tiny_model.read_bytes()


def test_cli_rejects_missing_data(tmp_path: Path, capsys) -> None:
    rc = train_cli.main(
        [
            "--data",
            str(tmp_path / "nope.jsonl"),
            "--task",
            "abuse",
            "--lang",
            "en",
            "--out",
            str(tmp_path / "m.ftz"),
        ]
    )
    assert rc == 2
    assert "does not exist" in capsys.readouterr().err


def test_cli_refuses_language_without_rows(tmp_path: Path, capsys) -> None:
    data = write_tiny(tmp_path / "en.jsonl", n=20)
    rc = train_cli.main(
        ["--data", str(data), "--task", "abuse", "--lang", "zh", "--out", str(tmp_path / "m.ftz")]
    )
    assert rc == 2
    assert "lang=zh" in capsys.readouterr().err


def test_pretrained_vectors_round_trip(tmp_path: Path) -> None:
    from cleaner.classify.data import DataSpec
    from cleaner.classify.train import train

    from .conftest import TINY_GRID

    data = write_tiny(tmp_path / "tiny.jsonl")
    out = tmp_path / "pre.ftz"
    res = train([DataSpec(data)], "abuse", "en", out, grid=TINY_GRID, quant_cutoff=500, pretrain=True)
    assert res.manifest["pretrained_vectors"]["skipgram_epochs"] > 0
    hostile, civil = Classifier.load(out).predict(["you are an idiot", "thanks for the report"])
    assert hostile > civil


def test_cli_options_reach_the_manifest(tmp_path: Path) -> None:
    data = write_tiny(tmp_path / "en.jsonl", n=60)
    out = tmp_path / "m.ftz"
    argv = [
        "--data",
        f"{data}:2,1",
        "--task",
        "abuse",
        "--lang",
        "en",
        "--out",
        str(out),
        "--seed",
        "3",
        "--no-lexicon-features",
        "--pretrain",
        "--unlabeled",
        str(data),
        "--params",
        "lr=0.5,epoch=5,dim=8,bucket=1000,minn=0,maxn=0",
    ]
    assert train_cli.main(argv) == 0
    man = json.loads(manifest_path(out).read_text())
    assert man["preprocess"]["lexicon_features"] is False
    assert man["preprocess"]["technical_terms"] is True  # the other steps of the recipe stay on
    assert man["pretrained_vectors"]["unlabeled"][0]["path"] == str(data)
    assert man["params"]["dim"] == 8 and man["seed"] == 3
    assert man["data"][0]["weight_pos"] == 2.0
    assert man["command"].startswith("cleaner train --data")


def test_negative_sentences_add_one_line_per_civil_sentence(tmp_path: Path) -> None:
    from cleaner.classify.data import Example
    from cleaner.classify.train import _training_lines

    pre = Preprocessor(normalize=True, lexicon_features=False)
    rows = [
        Example("Thanks for the report. I updated the docs.", 0, "en", 0, "/x/calm.jsonl"),
        Example("You are an idiot. Fix it.", 1, "en", 0, "/x/calm.jsonl"),
        Example("Kill the process.", 0, "en", 0, "/x/calm.jsonl"),
        Example("The build fails. Please add a test.", 0, "en", 0, "/x/other.jsonl"),
    ]
    plain = _training_lines(pre, rows, "en", 1)
    named = _training_lines(pre, rows, "en", 1, frozenset({"calm.jsonl"}))
    assert len(plain) == 4 and len(named) == 6
    extra = set(named) - set(plain)
    # Only the civil multi-sentence row of the named file adds its sentences, labelled 0.
    assert extra == {"__label__0 thanks for the report .", "__label__0 i updated the docs ."}


def test_cli_negative_sentences_reach_the_manifest(tmp_path: Path) -> None:
    data = write_tiny(tmp_path / "en.jsonl", n=60)
    out = tmp_path / "m.ftz"
    argv = ["--data", str(data), "--task", "abuse", "--lang", "en", "--out", str(out)]
    argv += ["--negative-sentences", "en.jsonl", "--params", "lr=0.5,epoch=5,dim=8,bucket=1000,minn=0,maxn=0"]
    assert train_cli.main(argv) == 0
    man = json.loads(manifest_path(out).read_text())
    assert man["negative_sentences_from"] == ["en.jsonl"]
    # 60 rows less the dev folds, plus two sentence lines per civil training row.
    assert man["train_lines"] > man["train_rows"]


def test_cli_all_negative_trains_every_row_of_a_file_as_a_negative(tmp_path: Path) -> None:
    tiny = write_tiny(tmp_path / "tiny.jsonl", n=60)
    # Labelled for another task: half "positive", but none of it is abuse.
    other = tmp_path / "other.jsonl"
    with open(other, "w", encoding="utf-8") as f:
        for i in range(40):
            f.write(
                json.dumps({"text": f"the build fails on windows {i}", "label": i % 2, "lang": "en"}) + "\n"
            )
    out = tmp_path / "m.ftz"
    argv = ["--data", str(tiny), "--data", f"{other}:1,1", "--dev-from", "tiny.jsonl", "--task", "abuse"]
    argv += ["--lang", "en", "--out", str(out), "--all-negative", "other.jsonl"]
    argv += ["--params", "lr=0.5,epoch=25,dim=8,bucket=2000,minn=0,maxn=0"]
    assert train_cli.main(argv) == 0
    man = json.loads(manifest_path(out).read_text())
    assert man["all_negative"] == ["other.jsonl"]
    assert man["dev"]["from"] == ["tiny.jsonl"]


def test_all_negative_relabels_only_the_named_file(tmp_path: Path, monkeypatch) -> None:
    from cleaner.classify import train as train_mod
    from cleaner.classify.data import DataSpec

    from .conftest import TINY_GRID

    tiny = write_tiny(tmp_path / "tiny.jsonl", n=60)
    other = tmp_path / "other.jsonl"
    other.write_text(
        "".join(
            json.dumps({"text": f"please add a test {i}", "label": 1, "lang": "en"}) + "\n" for i in range(10)
        )
    )
    seen: list = []
    real = train_mod._training_lines

    def spy(pre, rows, *a, **kw):
        seen.extend(rows)
        return real(pre, rows, *a, **kw)

    monkeypatch.setattr(train_mod, "_training_lines", spy)
    specs = [DataSpec(tiny), DataSpec(other)]
    train_mod.train(
        specs,
        "abuse",
        "en",
        tmp_path / "m.ftz",
        grid=TINY_GRID,
        quant_cutoff=500,
        dev_from=frozenset({"tiny.jsonl"}),
        all_negative=frozenset({"other.jsonl"}),
    )
    assert {e.label for e in seen if e.source == str(other)} == {0}
    assert {e.label for e in seen if e.source == str(tiny)} == {0, 1}
