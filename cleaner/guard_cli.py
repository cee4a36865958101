"""`cleaner check`: the serving-time guard from the shell or a sidecar.

    cleaner check "you idiot, use `sorted()`"
    cleaner check --stdin < replies.jsonl      # {"reply", "context"?, "lang"?} per line -> one verdict per line
"""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="?", help="the reply to check")
    p.add_argument("--stdin", action="store_true",
                   help='read JSON lines {"reply", "context"?: [{"role", "content"}], "lang"?}; write one verdict per line')
    p.add_argument("--config", metavar="FILE", help="YAML merged over the shipped defaults (same as `cleaner run`)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override one config key")


def run(args: argparse.Namespace) -> int:
    from cleaner import config as config_mod
    from cleaner.guard import Guard

    if not args.stdin and args.text is None:
        print('cleaner check: error: give a reply to check, or --stdin (see `cleaner check --help`)', file=sys.stderr)
        return 2
    try:
        guard = Guard(config_mod.load(args.config, args.set))
    except config_mod.ConfigError as e:
        print(f"cleaner check: error: {e}", file=sys.stderr)
        return 2
    if not args.stdin:
        v = guard.check(args.text)
        print(json.dumps(v.to_dict(), ensure_ascii=False))
        return 0 if v.verdict != "block" else 1
    bad = 0
    for n, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            reply = obj["reply"] if isinstance(obj, dict) else None
            if not isinstance(reply, str):
                raise ValueError('each line needs a string "reply"')
            out = guard.check(reply, obj.get("context"), obj.get("lang")).to_dict()
        except (ValueError, KeyError, TypeError) as e:
            bad += 1
            out = {"verdict": "error", "line": n, "error": str(e)}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0 if not bad else 2
