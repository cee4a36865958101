"""detoxify@1: a transformer second opinion, only on sentences the cheap cascade is unsure about.

A bert-base Detoxify model runs about 43 sentences/s on one CPU core, three
orders of magnitude slower than fastText, so it sees only the sentences
whose fastText score (the attributed score fasttext@1 emits) falls in the
uncertain band ``[gate.low, gate.high)``.  It never downloads: the
checkpoint and the Hugging Face config/tokenizer folder are local paths in
config (see docs_fragments/classifiers.md for fetching them once).  torch
and detoxify are imported in ``setup()`` only, so the core installs and
pickles without them (extra ``detoxify``).

Spans: label ``abuse`` with the highest of the toxicity-type classes as
score, every class score in ``detail``.  Like every stage it only adds
evidence; the policy takes the maximum per sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleaner.classify.cascade import uncertain
from cleaner.classify.model import Classifier
from cleaner.counters import Counter
from cleaner.document import Document
from cleaner.registry import register
from cleaner.resources import resolve
from cleaner.segment import Sentence
from cleaner.spans import Span

NAME = "detoxify@1"

# The uncertain band of the English abuse model: its calibrated scores sit in
# about [0.24, 0.61] and its dev operating point is 0.36.  Detoxify's
# original model reads English only, so Chinese goes through unchanged;
# add abuse_zh to gate.models with the multilingual checkpoint.
DEFAULT_GATE = {"low": 0.3, "high": 0.45, "models": {"abuse_en": "pkg:models/abuse_en.json"}}

ABUSE_CLASSES = (
    "toxicity",
    "severe_toxicity",
    "obscene",
    "insult",
    "threat",
    "identity_attack",
    "sexual_explicit",
)


class DetoxifyStage:
    name = NAME

    def __init__(self, settings: dict[str, Any]) -> None:
        self.checkpoint = settings.get("checkpoint")
        self.hf_config = settings.get("hf_config")
        if not self.checkpoint or not self.hf_config:
            raise ValueError(
                "detoxify: set stage_settings.detoxify.checkpoint (a .ckpt file) and .hf_config (the folder "
                "with config.json and tokenizer files); nothing is downloaded"
            )
        self.device = str(settings.get("device", "cpu"))
        self.batch_size = int(settings.get("batch_size", 32))
        self.max_chars = int(settings.get("max_chars", 1000))
        gate = settings.get("gate") or {}
        self.low = float(gate.get("low", DEFAULT_GATE["low"]))
        self.high = float(gate.get("high", DEFAULT_GATE["high"]))
        self.gate_models: dict[str, str] = dict(gate.get("models") or DEFAULT_GATE["models"])
        self._detox: Any = None
        self._gate: list[Classifier] = []

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_detox": None, "_gate": []}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def setup(self) -> None:
        if self._detox is not None:
            return
        from detoxify import Detoxify

        ckpt, folder = resolve(str(self.checkpoint)), resolve(str(self.hf_config))
        for p in (ckpt, folder):
            if not Path(p).exists():
                raise FileNotFoundError(f"detoxify: {p} does not exist (nothing is downloaded)")
        self._detox = Detoxify(checkpoint=str(ckpt), device=self.device, huggingface_config_path=str(folder))
        self._gate = [Classifier.load(resolve(p)) for p in self.gate_models.values() if p]

    def uncertain(self, doc: Document) -> list[tuple[int, Sentence]]:
        """Sentences whose best fastText score sits in the gate band: what Detoxify will read."""
        return uncertain(doc, self._gate, self.low, self.high)

    def score(self, doc: Document, counter: Counter) -> list[Span]:
        self.setup()
        todo = self.uncertain(doc)
        counter.inc("detoxify_sentences", len(todo))
        spans: list[Span] = []
        for i in range(0, len(todo), self.batch_size):
            batch = todo[i : i + self.batch_size]
            out = self._detox.predict([s.text[: self.max_chars] for _, s in batch])
            for j, (turn, sent) in enumerate(batch):
                classes = {k: round(float(_at(v, j)), 4) for k, v in out.items()}
                score = max((v for k, v in classes.items() if k in ABUSE_CLASSES), default=0.0)
                spans.append(Span(turn, sent.start, sent.end, "abuse", score, NAME, {"classes": classes}))
        return spans


def _at(values: Any, j: int) -> float:
    # Detoxify squeezes a batch of one to a bare float.
    return values if isinstance(values, float) else values[j]


@register(NAME)
def _factory(settings: dict[str, Any]) -> DetoxifyStage:
    return DetoxifyStage(settings)
