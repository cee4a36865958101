"""Fit :class:`LogRegModel` on preprocessed training lines: a convex fit, so one data and one C give one model.

L2-regularized logistic loss, minimized with SciPy's L-BFGS (SciPy is
already installed with datasketch).  The classes are weighted to equal
total weight: the mixes ``cleaner train`` reads are skewed (23% of the
locked-issue comments are uncivil), and a model fitted to the skew scores
every developer line near the base rate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix

from cleaner.classify.data import parse_key_values
from cleaner.classify.linear_model import TokenTable
from cleaner.classify.logreg_model import (
    DEFAULT_BUCKETS,
    LogRegModel,
    document_frequency,
    features,
    smooth_idf,
    tfidf_matrix,
)


@dataclass(frozen=True, slots=True)
class LogRegParams:
    C: float = 10.0  # noqa: N815 (inverse regularization strength, as scikit-learn names it)
    min_df: int = 2
    buckets: int = DEFAULT_BUCKETS
    max_iter: int = 500

    @classmethod
    def parse(cls, arg: str) -> LogRegParams:
        """``C=10,min_df=2``: one candidate for ``--params`` with ``--algo logreg``."""
        kw = parse_key_values(cls, arg, "logreg")
        if kw.get("C", 1.0) <= 0 or kw.get("min_df", 1) < 1 or kw.get("buckets", 1) < 1:
            raise ValueError("logreg parameters need C > 0, min_df >= 1, buckets >= 1")
        return cls(**kw)


def fit(lines: Sequence[str], labels: Sequence[int], params: LogRegParams) -> LogRegModel:
    if len(lines) != len(labels) or not lines:
        raise ValueError("need as many labels as lines, and at least one line")
    y = np.asarray(labels, dtype=np.float64)
    if y.min() == y.max():
        raise ValueError("need training lines of both classes")
    table = TokenTable()
    f = features(table, lines, params.buckets)
    idf = smooth_idf(document_frequency(f, params.buckets), len(lines), params.min_df)
    kept = np.flatnonzero(idf)
    # Fit in the kept buckets' own coordinates: a few hundred thousand columns, not 2^20.
    column = np.full(params.buckets, -1, dtype=np.int64)
    column[kept] = np.arange(len(kept))
    x = tfidf_matrix(f, idf)
    x = csr_matrix_columns(x, column, len(kept))
    pos = y.sum()
    w = np.where(y == 1, 0.5 / pos, 0.5 / (len(y) - pos)) * len(y)
    coef, bias = minimize_logloss(x, y, w, params)
    return LogRegModel(kept, idf[kept], coef.astype(np.float32), bias, params.buckets)


def csr_matrix_columns(x: csr_matrix, column: np.ndarray, width: int) -> csr_matrix:
    """``x`` with its columns renumbered by ``column`` (every stored column maps to one >= 0)."""
    return csr_matrix((x.data, column[x.indices], x.indptr), shape=(x.shape[0], width))


def minimize_logloss(x: csr_matrix, y: np.ndarray, w: np.ndarray, params: LogRegParams) -> tuple[np.ndarray, float]:
    """Coefficients and bias minimizing the ``w``-weighted logistic loss of ``x`` plus the L2 term (1 / C)."""
    n_features = x.shape[1]
    xt = x.T.tocsr()
    inv_c = 1.0 / params.C

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, bias = theta[:-1], theta[-1]
        z = x @ coef + bias
        # log(1 + e^-z) for positives, log(1 + e^z) for negatives, without overflow
        value = np.logaddexp(0.0, np.where(y == 1, -z, z))
        g = w * (_sigmoid(z) - y)
        grad = np.empty_like(theta)
        grad[:-1] = xt @ g + inv_c * coef
        grad[-1] = g.sum()
        return float(w @ value + 0.5 * inv_c * coef @ coef), grad

    res = minimize(
        loss, np.zeros(n_features + 1), jac=True, method="L-BFGS-B", options={"maxiter": params.max_iter}
    )
    return res.x[:-1], float(res.x[-1])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out
