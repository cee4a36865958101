import pytest

from cleaner import config


def test_defaults_load_and_validate():
    cfg = config.load()
    assert cfg["stages"] and cfg["output"]["deadletter_raw_cap"] > 0


def test_user_file_merges_over_defaults(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("output:\n  row_group_size: 7\n")
    cfg = config.load(p)
    assert cfg["output"]["row_group_size"] == 7
    assert cfg["output"]["deadletter_raw_cap"] == config.defaults()["output"]["deadletter_raw_cap"]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("outptu:\n  x: 1\n", "unknown config key 'outptu'"),
        ("output:\n  row_grup_size: 3\n", "unknown config key 'output.row_grup_size'"),
        ("output:\n  row_group_size: many\n", "'output.row_group_size' must be int"),
        ("policy:\n  drop_empty_records: 1\n", "must be true or false"),
        ("output: 3\n", "'output' must be a mapping"),
        ("- a\n- b\n", "mapping at the top level"),
        ("output: [\n", "not valid YAML"),
    ],
)
def test_bad_config_names_the_key(tmp_path, yaml_text, message):
    p = tmp_path / "c.yaml"
    p.write_text(yaml_text)
    with pytest.raises(config.ConfigError, match=message.replace("[", r"\[")):
        config.load(p)


def test_missing_file_and_set_overrides():
    with pytest.raises(config.ConfigError, match="does not exist"):
        config.load("/nonexistent/c.yaml")
    cfg = config.load(overrides=["output.progress_interval_s=0", "policy.drop_empty_records=false"])
    assert cfg["output"]["progress_interval_s"] == 0.0 and cfg["policy"]["drop_empty_records"] is False
    with pytest.raises(config.ConfigError, match="KEY=VALUE"):
        config.load(overrides=["output.progress_interval_s"])


def test_stage_settings_are_open_and_found_by_unversioned_name():
    cfg = config.load(overrides=["stage_settings.length.min_chars=5"])
    assert config.stage_settings(cfg, "length@1") == {"min_chars": 5}


def test_a_threshold_under_its_labels_scoring_floor_is_refused_with_the_key_to_lower():
    with pytest.raises(config.ConfigError) as e:
        config.load(overrides=["policy.response.emotion_threshold=0.4"])
    msg = str(e.value)
    assert "policy.response.emotion_threshold=0.4" in msg and "stage_settings.fasttext.min_score.emotion=0.5" in msg
    with pytest.raises(config.ConfigError, match=r"policy.response.lang_thresholds.zh.abuse=0.2 .*min_score.abuse=0.3"):
        config.load(overrides=["policy.response.lang_thresholds.zh.abuse=0.2"])
    # Lowering the floor with it, as the message says, is accepted.
    cfg = config.load(overrides=["policy.response.emotion_threshold=0.4", "stage_settings.fasttext.min_score.emotion=0.4"])
    assert cfg["policy"]["response"]["emotion_threshold"] == 0.4
    # A side that does not act reads no thresholds, so nothing to refuse there.
    assert config.load(overrides=["policy.prompt.emotion_threshold=0.1"])["policy"]["prompt"]["act"] is False
    with pytest.raises(config.ConfigError, match="policy.prompt.emotion_threshold"):
        config.load(overrides=["policy.prompt.emotion_threshold=0.1", "policy.prompt.act=true"])
    # Without the stage, its floor binds nothing.
    assert config.load(overrides=["stages=[length@1, lexicon@1]", "policy.response.emotion_threshold=0.1"])
