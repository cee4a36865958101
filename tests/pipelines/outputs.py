"""Reading a run's Parquet outputs back, for pipeline tests."""

import glob
import json

import pyarrow.parquet as pq

from cleaner.route import OUTPUTS


def read_outputs(out_dir):
    tables = {}
    for name in OUTPUTS:
        files = sorted(glob.glob(f"{out_dir}/{name}/*.parquet"))
        assert files, f"no {name} output files"
        tables[name] = [pq.read_table(f) for f in files]
    return tables


def rows(tables, name):
    return [r for t in tables[name] for r in t.to_pylist()]


def row_set(tables, name):
    """Rows as a set of canonical JSON strings: order-free comparison of whole outputs."""
    return {json.dumps(r, sort_keys=True, default=repr) for r in rows(tables, name)}
