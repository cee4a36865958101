"""Platt scaling: turn fastText's softmax output into a calibrated probability.

fastText's probabilities depend on class balance and epochs of the training
mix (we oversample in-domain data and downsample tweets), so the raw number
means different things per model.  A two-parameter logistic fit on the dev
split maps it back to "share of dev items that are positive at this score",
so a config threshold of 0.5 means the same thing for every model, and a
retrained model can be dropped in without re-tuning every threshold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_EPS = 1e-6
_ZMAX = 35.0
# Pull towards the identity map (a=1, b=0): a separable dev set would otherwise
# send the slope to infinity.
_RIDGE = 1.0


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class Platt:
    a: float = 1.0
    b: float = 0.0

    def __call__(self, p: float) -> float:
        # Plain floats: this runs once per sentence per model, numpy scalars cost 10x.
        q = min(max(float(p), _EPS), 1 - _EPS)
        z = self.a * math.log(q / (1 - q)) + self.b
        return 1.0 / (1.0 + math.exp(-min(max(z, -_ZMAX), _ZMAX)))

    def to_dict(self) -> dict[str, float]:
        return {"a": self.a, "b": self.b}

    @classmethod
    def from_dict(cls, d: dict[str, float] | None) -> Platt:
        return cls(**d) if d else cls()

    @classmethod
    def fit(cls, scores: Sequence[float], gold: Sequence[bool], iters: int = 50) -> Platt:
        """Newton's method on the ridge-penalised log loss, with Platt's smoothed targets."""
        x = _logit(np.asarray(scores, dtype=float))
        y = np.asarray(gold, dtype=float)
        n_pos, n_neg = y.sum(), len(y) - y.sum()
        t = np.where(y > 0, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
        prior = np.array([1.0, 0.0])
        design = np.stack([x, np.ones_like(x)], axis=1)

        def loss(w: np.ndarray) -> float:
            z = np.clip(design @ w, -_ZMAX, _ZMAX)
            return float(np.sum(np.logaddexp(0, z) - t * z) + 0.5 * _RIDGE * np.sum((w - prior) ** 2))

        w = prior.copy()
        for _ in range(iters):
            p = 1 / (1 + np.exp(-np.clip(design @ w, -_ZMAX, _ZMAX)))
            grad = design.T @ (p - t) + _RIDGE * (w - prior)
            hess = design.T @ (design * (p * (1 - p))[:, None]) + _RIDGE * np.eye(2)
            step = np.linalg.solve(hess, grad)
            # Damped Newton: halve the step until the loss goes down (saturated scores overshoot).
            current, scale = loss(w), 1.0
            while scale > 1e-6 and loss(w - scale * step) > current:
                scale /= 2
            w = w - scale * step
            if np.abs(scale * step).max() < 1e-9:
                break
        return cls(a=float(w[0]), b=float(w[1]))
