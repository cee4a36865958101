"""A generated corpus of GitHub-issue and forum-like records, for benchmarks.

Deterministic for a seed; mixes English and Chinese prose, fenced and
unfenced code, stack traces, heated and calm replies, in roughly the shapes
of real issue trackers.  ``heated`` is the share of prose sentences drawn from
the hostile pools: the default 0.05 (about one turn in five has a hostile
sentence) is an issue tracker having a bad week; 0.33 is the stress mix the
benchmarks used before the option existed (about half the turns hostile), the
worst case for the policy and per-sentence scoring.  Never used by tests.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

EN = [
    "I upgraded to the latest release and now the build fails on CI.",
    "Thanks, that fixed it for me.",
    "Can you share a minimal reproduction?",
    "The function returns null when the list is empty, see the snippet below.",
    "Closing as a duplicate of the earlier issue.",
    "Run `pip install -U widget` and try again.",
    "Kill the process with `kill -9` and restart the shell.",
]
EN_HEATED = [
    "This is stupid, it worked yesterday and now nothing works.",
    "Did you even read the docs? RTFM.",
    "We wasted 3 days on this garbage, fix it already.",
]
ZH = [
    "升级到最新版本之后启动就报错了，求大佬看看。",
    "把第3行的 `foo()` 改成 `bar()` 就好了。",
    "滚动条的属性设置不生效，性能也很差。",
    "回滚到上一个版本就没问题了，谢谢。",
    "这个接口的兼容性需要再测一下。",
]
ZH_HEATED = [
    "你这个SB需求改来改去，烦不烦。",
    "百度一下就知道了，伸手党。",
    "气死我了！！！又是这个问题。",
]
HEATED = 0.05
STRESS = 0.33
CODE = [
    "```python\ndef frob(xs):\n    if not xs:\n        return None\n    return sorted(xs, key=lambda x: x.size)[0]\n```",
    "```java\n@Autowired\nprivate UserMapper userMapper;\npublic User find(long id) { return userMapper.selectById(id); }\n```",
    "```\nTraceback (most recent call last):\n  File \"app.py\", line 12, in <module>\n    main()\nValueError: bad value\n```",
    "    $ npm run build\n    ERR! code ELIFECYCLE\n    ERR! errno 1",
    "```diff\n-    return a\n+    return a + b\n```",
]


def _post(rng: random.Random, zh: bool, heated: float) -> str:
    parts = []
    calm, hot = (ZH, ZH_HEATED) if zh else (EN, EN_HEATED)
    for _ in range(rng.randint(1, 4)):
        k = rng.randint(1, 3)
        parts.append(" ".join(rng.choice(hot if rng.random() < heated else calm) for _ in range(k)))
        if rng.random() < 0.6:
            parts.append(rng.choice(CODE))
    return "\n\n".join(parts)


def generate(out_dir: Path, megabytes: float, seed: int = 7, files: int = 4, heated: float = HEATED) -> list[Path]:
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1e6)
    per_file = target // files
    paths = []
    n = 0
    for f in range(files):
        github = f % 2 == 0
        path = out_dir / (f"github-{f}.jsonl" if github else f"forum-{f}.jsonl")
        size = 0
        with path.open("w", encoding="utf-8") as fh:
            while size < per_file:
                n += 1
                zh = not github and rng.random() < 0.7
                replies = [_post(rng, zh, heated) for _ in range(rng.randint(0, 6))]
                if github:
                    obj = {
                        "id": n, "number": n, "title": f"Issue {n}", "body": _post(rng, zh, heated),
                        "user": {"login": f"user{n % 97}", "type": "User"}, "author_association": "NONE",
                        "comments": [
                            {"id": n * 10 + i, "body": r, "user": {"login": f"user{(n + i) % 89}", "type": "User"},
                             "author_association": rng.choice(["OWNER", "MEMBER", "CONTRIBUTOR", "NONE"])}
                            for i, r in enumerate(replies)
                        ],
                    }
                else:
                    obj = {
                        "id": f"p{n}", "site": "csdn" if zh else "discourse", "title": f"帖子 {n}" if zh else f"Post {n}",
                        "body": _post(rng, zh, heated), "author": f"u{n % 53}", "lang": "zh" if zh else "en",
                        "replies": [{"author": f"u{(n + i) % 41}", "body": r, "is_op": False} for i, r in enumerate(replies)],
                    }
                line = json.dumps(obj, ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode("utf-8"))
        paths.append(path)
    return paths
