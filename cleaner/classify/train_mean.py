"""``cleaner train --algo mean``: combine trained models into one, calibrated on dev.

Nothing is fitted but the calibration: each member was trained (and keeps
its manifest and command) by its own ``cleaner train`` run, possibly on its
own data mix.  Here the members' raw turn scores on the dev split are
averaged, and Platt scaling and the dev-F1 threshold are fitted on that mean,
exactly as for a single model.  Members must sit in the ensemble's folder so
the package (or a Dataflow worker) ships them together.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cleaner.classify.calibrate import Platt
from cleaner.classify.data import DataSpec, load_split, sha256_file
from cleaner.classify.linear_model import TokenTable
from cleaner.classify.mean_model import FORMAT, MeanModel
from cleaner.classify.metrics import best_threshold, confusion
from cleaner.classify.model import Classifier, manifest_path
from cleaner.classify.scoring import prose_sentences, score_prose


def train_mean(
    members: Sequence[Path],
    specs: list[DataSpec],
    task: str,
    lang: str,
    out: Path,
    *,
    dev_path: Path | None = None,
    dev_from: frozenset[str] | None = None,
    seed: int = 1,
    command: str = "",
) -> dict[str, Any]:
    if out.suffix != ".json":
        raise ValueError(f"an ensemble is its manifest: --out must end in .json, not {out.name}")
    out = out.resolve()
    for m in members:
        if m.resolve().parent != out.parent:
            raise ValueError(f"member {m} must sit in the ensemble's folder {out.parent}")
    tokens = TokenTable()
    clfs = [Classifier.load(m, tokens) for m in members]
    for c in clfs:
        if (c.task, c.lang) != (task, lang):
            raise ValueError(f"member {c.path.name} is {c.task}/{c.lang}, not {task}/{lang}")
    model = MeanModel(clfs)
    split = load_split(specs, lang, seed, dev_path, dev_from)
    if not split.dev:
        raise ValueError(f"no dev rows for lang={lang}: give --dev or --data files with the dev folds")
    first = clfs[0]
    plain = Classifier(out, task, lang, first.preprocess, Platt(), 0.5, {}, None, model)
    gold = [bool(e.label) for e in split.dev]
    raw = [score_prose(plain, prose_sentences(e.text)).turn for e in split.dev]
    platt = Platt.fit(raw, gold)
    cal = [platt(p) for p in raw]
    threshold, dev_c = best_threshold(gold, cal)
    manifest = {
        "task": task,
        "lang": lang,
        "format": FORMAT,
        "members": [
            {
                "file": c.path.name,
                "sha256": sha256_file(c.path),
                "format": c.manifest.get("format"),
                "command": c.manifest.get("command"),
            }
            for c in clfs
        ],
        "seed": seed,
        "command": command,
        "dev": {"path": str(dev_path), "rows": len(split.dev)}
        if dev_path
        else {"from": sorted(dev_from) if dev_from else [s.path.name for s in specs], "rows": len(split.dev)},
        "data": [s.describe() for s in specs],
        "preprocess": first.manifest["preprocess"],
        "calibration": platt.to_dict(),
        "threshold": threshold,
        "dev_metrics": {
            "at_threshold": dev_c.as_dict(),
            "at_0.5": confusion(gold, cal, 0.5).as_dict(),
            "members_at_own_threshold": {c.path.name: _member_f1(c, split.dev, gold) for c in clfs},
        },
    }
    manifest_path(out).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def _member_f1(clf: Classifier, dev: Sequence[Any], gold: list[bool]) -> float:
    scores = [score_prose(clf, prose_sentences(e.text)).turn for e in dev]
    return round(confusion(gold, scores, clf.threshold).f1, 4)
