"""The job's own pipeline options; everything else is a standard Beam option.

Config travels inside the options as JSON, so Dataflow workers need nothing
from the launcher's disk.
"""

from __future__ import annotations

from apache_beam.options.pipeline_options import PipelineOptions


class CleanerOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--input", action="append", default=None, help="input glob (repeatable)")
        parser.add_argument("--output", default=None, help="output directory")
        parser.add_argument("--format", default="auto", help="auto|github|stackexchange|forum|chat")
        parser.add_argument("--cleaner_config", default=None, help="config as JSON (set by `cleaner run`)")
