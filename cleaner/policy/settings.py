"""Policy thresholds, read once from config into typed objects.

The response side (assistant, maintainer, contributor, bot) and the prompt
side (user, opener) get separate rules: a rude user followed by a calm,
helpful answer is exactly the data we want, so the prompt side is lenient
by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cleaner.record import Side


@dataclass(frozen=True, slots=True)
class CategoryRule:
    axis: str  # "abuse" or "emotion"
    scope: str  # "word": remove the matched words; "clause": remove the clause around them


@dataclass(frozen=True, slots=True)
class SideRules:
    act: bool  # edit this side at all
    min_severity: int  # lexicon hits at or above this severity are acted on
    abuse: float  # classifier probability at which a sentence counts as abusive
    emotion: float  # ... as venting / negative emotion
    drop_sentence: float  # classifier probability at which a sentence is dropped whole
    by_lang: dict[str, dict[str, float]]  # per-language overrides of abuse / emotion

    def threshold(self, axis: str, lang: str | None) -> float:
        default = self.abuse if axis == "abuse" else self.emotion
        return self.by_lang.get(lang or "", {}).get(axis, default)


@dataclass(frozen=True, slots=True)
class PolicySettings:
    drop_empty_records: bool
    sides: dict[Side, SideRules]
    categories: dict[str, CategoryRule]
    default_category: CategoryRule
    min_remaining_words: int
    max_removed_share: float
    hostile_share: float
    drop_quotes_of_removed: bool

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> PolicySettings:
        p = cfg["policy"]

        def side(d: dict[str, Any]) -> SideRules:
            return SideRules(
                bool(d["act"]),
                int(d["min_severity"]),
                float(d["abuse_threshold"]),
                float(d["emotion_threshold"]),
                float(d["drop_sentence_threshold"]),
                {str(k): {str(a): float(x) for a, x in v.items()} for k, v in (d.get("lang_thresholds") or {}).items()},
            )

        cats = {k: CategoryRule(v["axis"], v["scope"]) for k, v in p["categories"].items()}
        for key in ("max_removed_share", "hostile_share"):
            if not 0.0 <= float(p[key]) <= 1.0:
                raise ValueError(f"policy.{key} is a share of a turn: it must be between 0 and 1, got {p[key]}")
        return cls(
            drop_empty_records=bool(p["drop_empty_records"]),
            sides={Side.RESPONSE: side(p["response"]), Side.PROMPT: side(p["prompt"])},
            categories=cats,
            default_category=CategoryRule("abuse", "clause"),
            min_remaining_words=int(p["min_remaining_words"]),
            max_removed_share=float(p["max_removed_share"]),
            hostile_share=float(p["hostile_share"]),
            drop_quotes_of_removed=bool(p["drop_quotes_of_removed"]),
        )

    def category(self, name: str) -> CategoryRule:
        return self.categories.get(name, self.default_category)
