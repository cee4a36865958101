"""Built-in scoring stages; importing this package registers them all."""

from cleaner.stages import length  # noqa: F401
