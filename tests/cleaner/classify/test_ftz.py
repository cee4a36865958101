from __future__ import annotations

from pathlib import Path

import fasttext
import numpy as np
import pytest

from cleaner.classify.ftz import FtzFormatError, read_args, read_fasttext
from cleaner.resources import models_dir

from .fasttext_files import saved


# Every shipped fastText file, ensemble members included.
@pytest.mark.parametrize("name", sorted(p.stem for p in models_dir().glob("*.ftz")))
def test_shipped_models_read_as_the_binding_sees_them(name: str) -> None:
    path = models_dir() / f"{name}.ftz"
    model = read_fasttext(path)
    ft = fasttext.load_model(str(path))
    assert list(model.words) == ft.get_words()
    assert list(model.labels) == ft.get_labels()
    assert read_args(path) == model.args
    assert (model.args.dim, model.args.word_ngrams, model.args.loss, model.quantized) == (
        ft.get_dimension(),
        2,
        "softmax",
        True,
    )
    rows = np.random.default_rng(0).integers(0, len(model.input), 3000).tolist() + [0, len(model.input) - 1]
    assert np.array_equal(model.input[rows], np.array([ft.get_input_vector(i) for i in rows]))


def test_plain_model_matrices_equal_the_binding(tmp_path: Path) -> None:
    path = saved(tmp_path, "plain.bin")
    model = read_fasttext(path)
    ft = fasttext.load_model(str(path))
    assert not model.quantized and not model.pruned
    assert np.array_equal(model.input, ft.get_input_matrix())
    assert np.array_equal(model.output, ft.get_output_matrix())
    assert len(model.input) == model.nwords + 1000  # every n-gram bucket has its row
    for a in (model.input, model.output):  # arrays of their own, not views of the file's bytes
        assert a.flags.owndata and a.flags.c_contiguous and not a.flags.writeable


def test_quantized_model_without_norms_or_pruning(tmp_path: Path) -> None:
    path = saved(tmp_path, "q.ftz", quantize={"qnorm": False, "retrain": False})
    model = read_fasttext(path)
    ft = fasttext.load_model(str(path))
    assert model.quantized and not model.pruned
    assert np.array_equal(model.input, np.array([ft.get_input_vector(i) for i in range(len(model.input))]))


@pytest.mark.parametrize(("dim", "dsub"), [(8, 2), (7, 2), (9, 4), (5, 1)])
def test_quantized_rows_equal_the_binding_for_any_subquantizer_width(tmp_path: Path, dim: int, dsub: int) -> None:
    # (7, 2) and (9, 4): the last sub-quantizer is narrower than the others
    path = saved(tmp_path, "w.ftz", quantize={"qnorm": True, "retrain": False, "dsub": dsub}, dim=dim)
    model = read_fasttext(path)
    ft = fasttext.load_model(str(path))
    assert model.input.shape[1] == dim
    assert np.array_equal(model.input, np.array([ft.get_input_vector(i) for i in range(len(model.input))]))


def test_pruned_model_maps_buckets_to_rows(tmp_path: Path) -> None:
    path = saved(tmp_path, "p.ftz", quantize={"qnorm": True, "cutoff": 300, "retrain": False})
    model = read_fasttext(path)
    assert model.pruned
    assert len(model.input) == model.nwords + len(model.prune) == 300
    assert sorted(model.prune[:, 1]) == list(range(len(model.prune)))


def test_truncated_or_foreign_files_are_refused_with_the_reason(tmp_path: Path) -> None:
    path = saved(tmp_path, "plain.bin")
    cut = tmp_path / "cut.bin"
    cut.write_bytes(path.read_bytes()[:-7])
    with pytest.raises(FtzFormatError, match="truncated"):
        read_fasttext(cut)
    longer = tmp_path / "longer.bin"
    longer.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(FtzFormatError, match="1 bytes after"):
        read_fasttext(longer)
    other = tmp_path / "other.bin"
    other.write_bytes(b"PK\x03\x04" + bytes(64))
    with pytest.raises(FtzFormatError, match="not a fastText model"):
        read_fasttext(other)
