"""Several trained models of one task and language, scored as the mean of their raw probabilities.

Why: fastText and the TF-IDF logreg err on different calm lines, so a calm
line that fools one rarely fools both.  On the locked-issues dev fold,
through the whole decision (``cleaner eval``), the mean reached F1 0.492
with no calm Stack Overflow post and no clean technical sentence touched,
against 0.459 for either model alone (0.484 since ``abuse_zh`` became a mean:
the fold holds a thread of Chinese comments), and its F1 stays at 0.46-0.49 from
threshold 0.38 to 0.41 where fastText alone fell from 0.46 to 0.30.  Across
seven folds (``benchmarks/cv_abuse_en.py``) the mean and the logreg alone
are equal within noise (calm-safe F1 0.452 and 0.464), both far above
fastText alone (0.320).

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
