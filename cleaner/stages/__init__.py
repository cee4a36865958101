"""Built-in scoring stages; importing this package registers them all."""

from cleaner.stages import classifier, detoxify_stage, length, lexicon  # noqa: F401
