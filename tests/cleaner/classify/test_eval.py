"""``cleaner eval`` on a hand-made file whose answers are known, through the real policy."""

from __future__ import annotations

import json
from pathlib import Path

from cleaner import config
from cleaner.classify.eval_cli import evaluate
from cleaner.classify.inprocess import Decider
from cleaner.counters import Counter
from cleaner.document import Document
from cleaner.spans import Span


class KeywordStage:
    """Scores like a classifier that is certain about two words, so the expected counts are exact."""

    name = "keyword@1"

    def setup(self) -> None:
        return None

    def score(self, doc: Document, counter: Counter) -> list[Span]:
        out = []
        for t in doc.turns:
            for s in t.sentences:
                low = s.text.lower()
                out.append(
                    Span(t.index, s.start, s.end, "abuse", 0.99 if "idiot" in low else 0.01, self.name)
                )
                out.append(
                    Span(t.index, s.start, s.end, "emotion", 0.95 if "ugh" in low else 0.01, self.name)
                )
        return out


LINES = [
    # (text, label, lang): predicted abuse only where "idiot" appears
    ("You are an idiot. The fix is in `main.py` now.", 1, "en"),  # tp
    ("Thanks, the patch works.", 1, "en"),  # fn
    ("Ugh, this broke again. Use `kill -9` to stop it.", 0, "en"),  # emotion only: tn on abuse
    ("What an idiot move by the linker, ha.", 0, "en"),  # fp
    ("谢谢，已经修复了。", 0, "zh"),  # tn
]


def _write(path: Path, with_spans: bool = False) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for text, label, lang in LINES:
            row = {"text": text, "label": label, "lang": lang}
            if with_spans and label:
                row["spans"] = [[0, text.index(".") + 1]]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _decider() -> Decider:
    return Decider(config.load(), [KeywordStage()])


def test_counts_per_axis_and_language(tmp_path: Path) -> None:
    res = evaluate(_decider(), [_write(tmp_path / "hand.jsonl")], "abuse")
    assert (res["tp"], res["fp"], res["fn"], res["tn"]) == (1, 1, 1, 2)
    assert res["precision"] == 0.5 and res["recall"] == 0.5 and res["accuracy"] == 0.6
    assert res["by_lang"]["zh"] == {**res["by_lang"]["zh"], "n": 1, "tn": 1}
    assert res["by_data"]["hand.jsonl"]["n"] == 5
    assert "span" not in res


def test_any_axis_counts_emotion_too(tmp_path: Path) -> None:
    res = evaluate(_decider(), [_write(tmp_path / "hand.jsonl")], "any")
    assert (res["tp"], res["fp"], res["fn"], res["tn"]) == (1, 2, 1, 1)


def test_span_metrics_against_gold_characters(tmp_path: Path) -> None:
    res = evaluate(_decider(), [_write(tmp_path / "hand.jsonl", with_spans=True)], "abuse")
    span = res["span"]
    # Gold: "You are an idiot." (17 chars) and "Thanks, the patch works." (24 chars).
    assert span["gold_chars"] == 17 + 24
    # The policy drops the first sentence, code untouched; the fp line's sentence counts against precision.
    assert 0 < span["overlap_chars"] <= 17
    assert span["precision"] < 1.0 and 0 < span["recall"] < 1.0


def test_code_is_never_in_the_removed_ranges(tmp_path: Path) -> None:
    d = _decider().decide_text("You are an idiot, see `idiot()` in the docs.", _NullCounter())
    text = "You are an idiot, see `idiot()` in the docs."
    code = text.index("`idiot()`")
    assert d["abuse"].flagged
    assert all(not (s <= code < e) for _, s, e in d["abuse"].ranges)


class _NullCounter:
    def inc(self, name: str, n: int = 1) -> None:
        return None


def test_lexicon_hit_flags_its_axis_and_removes_only_its_sentence() -> None:
    from cleaner.classify.decide import decide
    from cleaner.record import Record, Role, Turn

    text = "Thanks for the patch. This build is bullshit though. I will merge it."
    doc = Document.build(Record("e", "e", "e", [Turn(Role.ASSISTANT, text)]))
    s = text.index("bullshit")
    hit = Span(0, s, s + 8, "profanity", 0.75, "lexicon@1", {"severity": 2, "category": "profanity"})
    d = decide(doc, [hit], config.load())
    assert d["abuse"].flagged and not d["emotion"].flagged
    assert [text[a:b].strip() for _, a, b in d["abuse"].ranges] == ["This build is bullshit though."]


def test_unreadable_data_is_a_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    from cleaner.classify.eval_cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine", "label": 0}\n{"text": "no label"}\n', encoding="utf-8")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"text": "caf\xe9", "label": 0}\n'.encode("latin-1"))
    for path, says in ((tmp_path / "missing.jsonl", "missing.jsonl"), (bad, "bad.jsonl:2"), (latin, "utf-8")):
        assert main(["--data", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("cleaner eval: ") and says in err, err
