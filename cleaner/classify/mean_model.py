"""Several trained models of one task and language, scored as the mean of their raw probabilities.

Why: fastText and the TF-IDF logreg err on different calm lines.  Across
the seven locked-issue folds each alone reached a calm-safe F1 of about 0.42
(the F1 at the lowest threshold that touches none of 200 calm Stack
Overflow posts and at most one of 171 clean technical sentences); the mean
of the two reached 0.50, because a calm line must now fool both.

The ensemble's manifest (``format: mean``) names its member files, which sit
next to it and keep their own manifests (and commands); the ensemble's own
Platt calibration and threshold are fitted on the mean, by ``cleaner train
--algo mean``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from cleaner.classify.model import Classifier

FORMAT = "mean"


class MeanModel:
    """``probability`` as :class:`LinearModel` has it, over members' uncalibrated scores."""

    def __init__(self, members: Sequence[Classifier]) -> None:
        if len(members) < 2:
            raise ValueError("an ensemble needs at least two members")
        first = members[0]
        for m in members[1:]:
            if (m.task, m.lang, m.preprocess) != (first.task, first.lang, first.preprocess):
                raise ValueError(
                    f"ensemble members disagree: {first.path.name} is {first.task}/{first.lang} with "
                    f"{first.preprocess}, {m.path.name} is {m.task}/{m.lang} with {m.preprocess}; "
                    "train them with the same --task, --lang and lexicon-feature setting"
                )
        self.members = list(members)

    def probability(self, lines: Sequence[str], label: str) -> np.ndarray:
        if label != "__label__1":
            raise ValueError(f"an ensemble scores the positive label only, not {label!r}")
        if not lines:
            return np.zeros(0, dtype=np.float32)
        return np.mean([np.asarray(m.raw(lines), dtype=np.float64) for m in self.members], axis=0)
