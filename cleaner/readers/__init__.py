"""Readers: one module per input family, each a pure function from one raw unit to a Record."""

from cleaner.readers.base import DeadLetter, ReadError, UnitRef
from cleaner.readers.detect import FORMATS
from cleaner.readers.files import iter_units, sniff_format
from cleaner.readers.units import Unit, parse_unit

__all__ = ["FORMATS", "DeadLetter", "ReadError", "Unit", "UnitRef", "iter_units", "parse_unit", "sniff_format"]
