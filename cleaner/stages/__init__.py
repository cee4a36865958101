"""Built-in scoring stages; importing this package registers them all."""

from cleaner.stages import length, lexicon  # noqa: F401
