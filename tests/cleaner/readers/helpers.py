from cleaner.readers import DeadLetter, iter_units, parse_unit, sniff_format


def read_all(path, fmt=None, max_bytes=32 << 20):
    """Every unit of a file parsed: (records_or_posts, dead_letters)."""
    fmt = fmt or sniff_format(str(path))
    good, bad = [], []
    for u in iter_units(str(path)):
        out = u if isinstance(u, DeadLetter) else parse_unit(u, fmt, max_bytes)
        (bad if isinstance(out, DeadLetter) else good).append(out)
    return good, bad
