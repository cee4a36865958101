"""A trained classifier on disk: ``NAME.ftz`` (fastText) or ``NAME.npz`` (logreg) plus its manifest ``NAME.json``.

The manifest carries everything needed to use the model exactly as it was
trained (task, language, preprocessing recipe, calibration, the dev-tuned
threshold) and to rebuild it (data hashes, parameters, command line).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.classify.calibrate import Platt
from cleaner.classify.ftz import FtzFormatError, read_args, read_shared
from cleaner.classify.linear_model import LinearModel, TokenTable, unsupported
from cleaner.classify.logreg_model import FORMAT as LOGREG_FORMAT
from cleaner.classify.logreg_model import LogRegModel
from cleaner.classify.mean_model import FORMAT as MEAN_FORMAT
from cleaner.classify.mean_model import MeanModel
from cleaner.classify.preprocess import Preprocessor

POSITIVE = "__label__1"


def manifest_path(model_path: str | Path) -> Path:
    return Path(model_path).with_suffix(".json")


def read_manifest(model_path: str | Path) -> dict[str, Any]:
    mp = manifest_path(model_path)
    try:
        return json.loads(mp.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"model manifest {mp} not found: every model needs the JSON `cleaner train` writes next to it"
        ) from None


@dataclass(slots=True)
class Classifier:
    """One binary model (fastText or hashed TF-IDF logreg) with its preprocessing and calibration.

    The manifest's ``format`` says which kind.  fastText predictions come from
    :class:`LinearModel` (numpy, a batch at a time) when it reproduces the
    model, else from the fastText binding; a logreg model is always
    :class:`LogRegModel`.  Built in a
    stage's ``setup()``: fastText objects cannot be pickled, so they must
    never exist at pipeline construction time.
    """

    path: Path
    task: str
    lang: str
    preprocess: Preprocessor
    calibration: Platt
    threshold: float
    manifest: dict[str, Any] = field(repr=False)
    ft: Any = field(repr=False)  # the fastText binding's model; None when ``linear`` predicts
    linear: LinearModel | LogRegModel | MeanModel | None = field(default=None, repr=False)

    @classmethod
    def load(cls, path: str | Path, tokens: TokenTable | None = None) -> Classifier:
        """``tokens``: a table shared with the other models of a stage (see :class:`TokenTable`).

        ``path`` is a model file, or for an ensemble (format ``mean``) its manifest.
        """
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"model {path} does not exist")
        man = read_manifest(path)
        pre = Preprocessor.from_manifest(man["preprocess"])
        # Builds the normalizer tables and lexicon matcher now, not on the first record.
        pre("Warm-up: café 预热 ｆｕｌｌ", man["lang"])
        fmt = man.get("format")
        linear: LinearModel | LogRegModel | MeanModel | None
        if fmt == MEAN_FORMAT:
            tokens = tokens if tokens is not None else TokenTable()
            linear = MeanModel([cls.load(path.parent / m["file"], tokens) for m in man["members"]])
        elif fmt == LOGREG_FORMAT:
            linear = LogRegModel.load(path, tokens)
        else:
            linear = _linear(path, tokens)
        return cls(
            path=path,
            task=man["task"],
            lang=man["lang"],
            preprocess=pre,
            calibration=Platt.from_dict(man.get("calibration")),
            threshold=float(man.get("threshold", 0.5)),
            manifest=man,
            ft=None if linear else _load_binding(path),
            linear=linear,
        )

    def raw(self, lines: Sequence[str]) -> list[float]:
        """Uncalibrated P(positive) for already-preprocessed lines."""
        if not lines:
            return []
        if self.linear is not None:
            return self.linear.probability(lines, POSITIVE).tolist()
        labels, probs = self.ft.predict(list(lines), k=-1)
        return [
            float(ps[ls.index(POSITIVE)]) if POSITIVE in ls else 0.0
            for ls, ps in zip(labels, probs, strict=True)
        ]

    def predict(self, texts: Sequence[str]) -> list[float]:
        """Calibrated P(positive) for raw prose."""
        return [self.calibration(p) for p in self.raw(self.preprocess.many(texts, self.lang))]


def _linear(path: Path, tokens: TokenTable | None) -> LinearModel | None:
    """The numpy predictor for a model it reproduces; None keeps the fastText binding.

    The file's head decides first: a model the binding must score anyway is
    never decoded into float32 rows, nor kept in :func:`read_shared`'s cache.
    """
    try:
        if unsupported(read_args(path)) is not None:
            return None
        model = read_shared(path)
    except FtzFormatError:
        return None
    return LinearModel(model, tokens) if unsupported(model.args, model.words) is None else None


def _load_binding(path: Path) -> Any:
    import fasttext

    return fasttext.load_model(str(path))
