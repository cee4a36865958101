import pytest

from cleaner.dedup.settings import DedupSettings, DedupSettingsError


def test_defaults_and_overrides():
    s = DedupSettings.from_dict({"bands": 10, "rows": 4})
    assert (s.bands, s.rows, s.num_perm) == (10, 4, 160)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"bands": 30, "rows": 8}, "must not exceed"),
        ({"rows": 0}, "rows must be >= 1"),
        ({"verify_threshold": 1.5}, "verify_threshold"),
        ({"shingle": 5}, "unknown dedup setting"),
    ],
)
def test_bad_settings_fail_with_the_key_name(bad, message):
    with pytest.raises(DedupSettingsError, match=message):
        DedupSettings.from_dict(bad)
