"""Config: one YAML of stage settings, thresholds and policy, validated on load.

The shipped ``default_config.yaml`` is the schema: a user's file is merged
over it, and any key the defaults do not have, or a value of another type,
fails with the dotted key name, so a typo never silently becomes a default.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_DEFAULT = Path(__file__).with_name("default_config.yaml")

# Mappings whose keys are open (user-chosen), validated by their consumers.
_OPEN_MAPPINGS = {
    "stage_settings",
    "policy.categories",
    "policy.response.lang_thresholds",
    "policy.prompt.lang_thresholds",
}


class ConfigError(ValueError):
    pass


@cache
def _defaults_text() -> str:
    return _DEFAULT.read_text(encoding="utf-8")


def defaults() -> dict[str, Any]:
    return yaml.safe_load(_defaults_text())


def load(path: str | Path | None = None, overrides: list[str] | None = None) -> dict[str, Any]:
    cfg = defaults()
    if path is not None:
        try:
            user = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist") from None
        except yaml.YAMLError as e:
            raise ConfigError(f"config file {path} is not valid YAML: {e}") from None
        if not isinstance(user, dict):
            raise ConfigError(f"config file {path} must hold a mapping at the top level")
        cfg = merge(cfg, user)
    for item in overrides or []:
        key, sep, raw = item.partition("=")
        if not sep:
            raise ConfigError(f"--set {item!r}: expected KEY=VALUE, e.g. policy.drop_empty_records=false")
        cfg = merge(cfg, _nest(key.split("."), yaml.safe_load(raw)))
    check_floors(cfg)
    return cfg


def check_floors(cfg: dict[str, Any]) -> None:
    """Refuse a policy threshold below the score floor of a stage that emits its label.

    Spans under a stage's ``min_score`` are never written, so such a
    threshold would silently act as the floor; the error says which key to
    lower instead.
    """
    for stage in cfg.get("stages") or []:
        name = str(stage).split("@", 1)[0]
        floor = stage_settings(cfg, name).get("min_score")
        if not isinstance(floor, dict):
            continue
        for side in ("response", "prompt"):
            rules = cfg["policy"][side]
            if not rules.get("act"):
                continue
            checks = [(f"policy.{side}.{axis}_threshold", axis, rules[f"{axis}_threshold"]) for axis in ("abuse", "emotion")]
            checks += [
                (f"policy.{side}.lang_thresholds.{lang}.{axis}", axis, value)
                for lang, per_axis in (rules.get("lang_thresholds") or {}).items()
                for axis, value in (per_axis or {}).items()
            ]
            for key, axis, value in checks:
                low = floor.get(axis)
                if low is not None and float(value) < float(low):
                    raise ConfigError(
                        f"{key}={value} is below stage_settings.{name}.min_score.{axis}={low}: {name} never "
                        f"emits {axis} scores under {low}; lower that too (--set stage_settings.{name}."
                        f"min_score.{axis}={value})"
                    )


def merge(base: dict[str, Any], user: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in user.items():
        dotted = f"{prefix}{key}"
        if key not in base and prefix.rstrip(".") not in _OPEN_MAPPINGS and not _under_open(prefix):
            valid = ", ".join(sorted(base)) or "(none)"
            raise ConfigError(f"unknown config key {dotted!r}; valid keys here: {valid}")
        if key not in base:
            out[key] = copy.deepcopy(value)
            continue
        default = base[key]
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise ConfigError(f"config key {dotted!r} must be a mapping, got {type(value).__name__}")
            out[key] = merge(default, value, dotted + ".")
        else:
            out[key] = _check_type(dotted, default, value)
    return out


def _under_open(prefix: str) -> bool:
    return any(prefix.startswith(m + ".") for m in _OPEN_MAPPINGS)


def _check_type(key: str, default: Any, value: Any) -> Any:
    if default is None or value is None:
        return value
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"config key {key!r} must be true or false, got {value!r}")
        return value
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(default, int | float) and isinstance(value, bool):
        raise ConfigError(f"config key {key!r} must be a number, got {value!r}")
    if not isinstance(value, type(default)):
        raise ConfigError(
            f"config key {key!r} must be {type(default).__name__}, got {type(value).__name__} {value!r}"
        )
    return value


def _nest(keys: list[str], value: Any) -> dict[str, Any]:
    out: Any = value
    for k in reversed(keys):
        out = {k: out}
    return out


def to_json(cfg: dict[str, Any]) -> str:
    """Config travels to workers as a JSON pipeline option: no launcher state."""
    return json.dumps(cfg, sort_keys=True)


def stage_settings(cfg: dict[str, Any], stage_name: str) -> dict[str, Any]:
    return dict(cfg.get("stage_settings", {}).get(stage_name.split("@", 1)[0], {}))
