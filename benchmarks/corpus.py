"""A generated corpus of GitHub-issue and forum-like records, for benchmarks.

Deterministic for a seed; mixes English and Chinese prose, fenced and
unfenced code, stack traces, heated and calm replies, in roughly the shapes
of real issue trackers.  Sentences and code come from templates whose slots
(libraries, versions, identifiers, paths, numbers) are filled at random, so
records differ the way real ones do: drawn from a handful of fixed sentences
instead, 78% of the records were near-duplicates of each other and the dedup
step did far more work than on any real corpus.  ``dup`` is the share of
records that repeat an earlier record's thread (half verbatim, half with a
reply added), as scraped issue and forum data does.

``heated`` is the share of prose sentences drawn from the hostile templates:
the default 0.05 (about one turn in five has a hostile sentence) is an issue
tracker having a bad week; 0.33 is the stress mix (about half the turns
hostile), the worst case for the policy and per-sentence scoring.  Never used
by tests.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HEATED = 0.05
STRESS = 0.33
DUP = 0.05

LIBS = [
    "webpack", "babel", "eslint", "react", "vue", "angular", "django", "flask", "fastapi", "numpy", "pandas",
    "pytorch", "tensorflow", "spring-boot", "mybatis", "hibernate", "gradle", "maven", "docker", "kubernetes",
    "helm", "terraform", "ansible", "redis", "kafka", "postgres", "mysql", "sqlalchemy", "celery", "pytest",
    "jest", "vite", "next.js", "nuxt", "electron", "tokio", "serde", "gin", "grpc", "protobuf", "opencv", "scipy",
]
OSES = ["Ubuntu 22.04", "macOS 14", "Windows 11", "Debian 12", "Alpine", "CentOS 7", "WSL2", "Arch"]
CIS = ["GitHub Actions", "Jenkins", "GitLab CI", "CircleCI", "Travis", "Buildkite"]
ERRORS = ["a segfault", "TypeError", "a NullPointerException", "an OOM kill", "ECONNRESET", "a deadlock",
          "KeyError", "a timeout", "an import error", "exit code 137"]
WORDS = ["user", "config", "cache", "item", "order", "token", "session", "file", "path", "node", "task", "event",
         "batch", "record", "query", "result", "handler", "client", "server", "buffer", "stream", "index", "worker"]
VERBS = ["get", "load", "parse", "build", "update", "fetch", "render", "resolve", "flush", "merge", "sync", "emit"]
OPTIONS = ["strict", "cache", "verbose", "lazy", "autoReload", "useLegacy", "skipLibCheck", "preserveSymlinks"]

EN = [
    "I upgraded {lib} to {ver} and now the build fails on {ci}.",
    "Thanks, that fixed it for me on {os}.",
    "Can you share a minimal reproduction with {lib} {ver}?",
    "The function `{fn}` returns null when the list is empty, see the snippet below.",
    "Closing as a duplicate of #{n}.",
    "Run `pip install -U {lib}` and try again.",
    "Kill the process with `kill -9 {n}` and restart the shell.",
    "It fails in `{file}` at line {n} with {err}.",
    "After {n} minutes the worker runs out of memory on {os}.",
    "I bisected it to commit {sha}, which changed `{fn}`.",
    "Setting `{opt}` to false makes the warning go away.",
    "Same here on {os} with {lib} {ver}.",
    "Could you check whether `{fn}` is called twice when the {word} is empty?",
    "We pinned {lib} to {ver} until the fix is released.",
    "The docs for {lib} say the {word} must be set before `{fn}` runs.",
]
EN_HEATED = [
    "This is stupid, it worked yesterday with {lib} {ver} and now nothing works.",
    "Did you even read the docs? RTFM.",
    "We wasted {n} days on this garbage, fix it already.",
    "Are you even a programmer? `{fn}` is obviously broken.",
    "What a joke of a project, {lib} {ver} is unusable.",
]
ZH = [
    "升级到 {lib} {ver} 之后启动就报错了，求大佬看看。",
    "把第{n}行的 `{fn}()` 改成 `{fn2}()` 就好了。",
    "滚动条的属性设置不生效，性能也很差。",
    "回滚到 {ver} 就没问题了，谢谢。",
    "这个接口的兼容性需要在 {os} 上再测一下。",
    "{file} 第 {n} 行抛出 {err}，不知道怎么回事。",
    "我用的是 {lib} {ver}，配置和文档里写的一样。",
    "加了 `{opt}` 参数以后，{word} 的数量就对了。",
    "同样的问题，{os} 上 {lib} 跑了 {n} 分钟就挂了。",
]
ZH_HEATED = [
    "你这个SB需求改来改去，烦不烦。",
    "百度一下就知道了，伸手党。",
    "气死我了！！！{lib} 又是这个问题。",
    "这都不会？回去重新学 {lib} 吧。",
]
CODE = [
    "```python\ndef {fn}(xs):\n    if not xs:\n        return None\n    return sorted(xs, key=lambda x: x.{word})[{n}]\n```",
    "```java\n@Autowired\nprivate {Cls}Mapper {word}Mapper;\npublic {Cls} find(long id) {{ return {word}Mapper.selectById(id + {n}); }}\n```",
    "```\nTraceback (most recent call last):\n  File \"{file}\", line {n}, in <module>\n    {fn}()\nValueError: bad {word}\n```",
    "    $ npm run build\n    ERR! code ELIFECYCLE\n    ERR! errno {n}\n    ERR! {lib}@{ver} build: `{fn}`",
    "```diff\n-    return {word}\n+    return {word} + {n}\n```",
    "```yaml\n{word}:\n  image: {lib}:{ver}\n  replicas: {n}\n  {opt}: true\n```",
    "```js\nconst {fn} = async ({word}) => {{\n  const res = await fetch(`/api/{word}/${{{word}.id}}`);\n  return res.json();\n}};\n```",
]


def _ident(rng: random.Random, camel: bool) -> str:
    verb, noun = rng.choice(VERBS), rng.choice(WORDS)
    return f"{verb}{noun.capitalize()}" if camel else f"{verb}_{noun}"


def _fill(rng: random.Random, template: str) -> str:
    camel = rng.random() < 0.5
    return template.format(
        lib=rng.choice(LIBS),
        ver=f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}",
        os=rng.choice(OSES),
        ci=rng.choice(CIS),
        err=rng.choice(ERRORS),
        fn=_ident(rng, camel),
        fn2=_ident(rng, camel),
        word=rng.choice(WORDS),
        Cls=rng.choice(WORDS).capitalize(),
        opt=rng.choice(OPTIONS),
        file=f"src/{rng.choice(WORDS)}/{rng.choice(WORDS)}_{rng.randint(1, 99)}.py",
        n=rng.randint(2, 999),
        sha=f"{rng.getrandbits(28):07x}",
    )


def _post(rng: random.Random, zh: bool, heated: float = HEATED) -> str:
    parts = []
    calm, hot = (ZH, ZH_HEATED) if zh else (EN, EN_HEATED)
    for _ in range(rng.randint(1, 4)):
        k = rng.randint(1, 3)
        parts.append(" ".join(_fill(rng, rng.choice(hot if rng.random() < heated else calm)) for _ in range(k)))
        if rng.random() < 0.6:
            parts.append(_fill(rng, rng.choice(CODE)))
    return "\n\n".join(parts)


def generate(
    out_dir: Path, megabytes: float, seed: int = 7, files: int = 4, heated: float = HEATED, dup: float = DUP
) -> list[Path]:
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1e6)
    per_file = target // files
    paths = []
    n = 0
    earlier: dict[bool, list[tuple[str, list[str], bool]]] = {True: [], False: []}
    for f in range(files):
        github = f % 2 == 0
        path = out_dir / (f"github-{f}.jsonl" if github else f"forum-{f}.jsonl")
        size = 0
        with path.open("w", encoding="utf-8") as fh:
            while size < per_file:
                n += 1
                seen = earlier[github]
                if seen and rng.random() < dup:
                    body, replies, zh = rng.choice(seen)
                    if rng.random() < 0.5:  # a near copy: the same thread plus one reply
                        replies = [*replies, _post(rng, zh, heated)]
                else:
                    zh = not github and rng.random() < 0.7
                    body = _post(rng, zh, heated)
                    replies = [_post(rng, zh, heated) for _ in range(rng.randint(0, 6))]
                    if len(seen) < 1000:
                        seen.append((body, replies, zh))
                if github:
                    obj = {
                        "id": n, "number": n, "title": f"Issue {n}", "body": body,
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
                        "body": body, "author": f"u{n % 53}", "lang": "zh" if zh else "en",
                        "replies": [{"author": f"u{(n + i) % 41}", "body": r, "is_op": False} for i, r in enumerate(replies)],
                    }
                line = json.dumps(obj, ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode("utf-8"))
        paths.append(path)
    return paths
