"""detoxify@1 offline: a tiny random checkpoint in Detoxify's format, loaded and run by Detoxify's own code."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleaner.counters import DictCounter
from cleaner.document import Document
from cleaner.record import Record, Role, Turn
from cleaner.stages.detoxify_stage import DetoxifyStage

CLASSES = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
WORDS = ["you", "are", "an", "idiot", "thanks", "for", "the", "report", "this", "is", "stupid", "fix", "it"]


def _tiny_checkpoint(folder: Path) -> Path:
    torch = pytest.importorskip("torch", reason="the detoxify extra (torch) is not installed")
    pytest.importorskip("detoxify", reason="the detoxify extra is not installed")
    transformers = pytest.importorskip("transformers")

    folder.mkdir()
    (folder / "vocab.txt").write_text(
        "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n"
    )
    # Loaded from the folder: with transformers 5, BertTokenizer(vocab_file=...) maps every token to [UNK].
    tok = transformers.BertTokenizer.from_pretrained(str(folder), local_files_only=True)
    assert tok.convert_tokens_to_ids("idiot") != tok.unk_token_id
    tok.save_pretrained(str(folder))
    config = transformers.BertConfig(
        vocab_size=len(WORDS) + 5,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=len(CLASSES),
    )
    config.save_pretrained(str(folder))
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    ckpt = folder / "tiny.ckpt"
    torch.save(
        {
            "config": {
                # model_type names the local folder, so Detoxify never asks the hub.
                "arch": {
                    "args": {
                        "model_type": str(folder),
                        "model_name": "BertForSequenceClassification",
                        "tokenizer_name": "BertTokenizer",
                        "num_classes": len(CLASSES),
                    }
                },
                "dataset": {"args": {"classes": CLASSES}},
            },
            "state_dict": model.state_dict(),
        },
        ckpt,
    )
    return ckpt


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tiny_checkpoint(tmp_path_factory.mktemp("detox") / "hf")


def _stage(checkpoint: Path, tiny_model: Path, low: float, high: float) -> DetoxifyStage:
    return DetoxifyStage(
        {
            "checkpoint": str(checkpoint),
            "hf_config": str(checkpoint.parent),
            "batch_size": 2,
            "gate": {"low": low, "high": high, "models": {"abuse_en": str(tiny_model)}},
        }
    )


def _doc(text: str) -> Document:
    return Document.build(Record("r", "t", "t", [Turn(Role.ASSISTANT, text)]))


def test_offline_load_and_batched_predict(checkpoint: Path, tiny_model: Path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    stage = pickle.loads(pickle.dumps(_stage(checkpoint, tiny_model, 0.0, 1.01)))  # gate open: all sentences
    text = "You are an idiot. Thanks for the report. This is stupid. Fix it."
    counter = DictCounter()
    spans = stage.score(_doc(text), counter)
    assert counter["detoxify_sentences"] == 4 == len(spans)
    assert {s.stage for s in spans} == {"detoxify@1"} and {s.label for s in spans} == {"abuse"}
    for s in spans:
        assert set(s.detail["classes"]) == {
            "toxicity",
            "severe_toxicity",
            "obscene",
            "threat",
            "insult",
            "identity_attack",
        }
        assert 0.0 <= s.score <= 1.0
        assert s.score == max(s.detail["classes"].values())


def test_gate_sends_only_uncertain_sentences(checkpoint: Path, tiny_model: Path) -> None:
    closed = _stage(checkpoint, tiny_model, 0.0, 0.0)
    counter = DictCounter()
    assert closed.score(_doc("You are an idiot. Thanks for the report."), counter) == []
    assert counter["detoxify_sentences"] == 0


def test_missing_paths_fail_loudly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nothing is downloaded"):
        DetoxifyStage({})
