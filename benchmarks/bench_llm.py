"""The LLM engine against the anchor's design, on a model service with 300 ms per call.

    python benchmarks/bench_llm.py [--files 200] [--latency 0.3] [--corpus PATH]
    python benchmarks/bench_llm.py --rate-limited [--files 400] [--ideal 30] [--minute 10]

In one run, on a generated docs range of 200 changed files and two locales:
- wall time of ``insight report --engine llm`` (concurrent calls) against the anchor's
  design, rebuilt and run for real against the same service: one call per file per locale,
  one after another, each with the previous two prompts and answers attached, then an
  overview and a summary call per locale (target: at least 10x faster);
- input tokens per file of insight's prompts against the anchor's (target: at most 1/3);
- calls ``--engine auto`` saves on the real corpus (files the offline analysis finds trivial).

With ``--rate-limited``, on 400 changed files and one locale, against a service that enforces
an OpenAI-style token bucket (its "minute" shortened to 10 s) sized so that the run's tokens
beyond the first full bucket take about 30 s at the limit (the ideal run): wall time over the
ideal (target <= 1.2), the share of requests answered 429 (target <= 2%) and the files that
fell back to the offline engine (target 0), paced by the rate-limit headers and with today's
fixed concurrency (the same service stating no budget, so the client cannot pace).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the loopback model service the tests use

from bench_report import edit, git, page, write  # noqa: E402
from llm_server import FakeModelService, RateLimit, prompt_tokens  # noqa: E402

from insight.engines.heuristic import HeuristicEngine  # noqa: E402
from insight.llm.client import estimate_tokens  # noqa: E402
from insight.models import FileChange  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "github-patches-dev.jsonl"
LOCALES = ("en_US", "zh_CN")
# The anchor's system prompt, word for word (its one long line kept as it was).
ANCHOR_SYSTEM = """You are technical writer.
You are multilingual. Your report must be written the language according to user's locale.

## Styles
- Summary: Provide a brief summary of the modification.
- Overview: Provide an overview of the modification.
- Detailed: Provide a detailed explanation of the modification.

## Output Format
Your explanation should be in the following format:
Do not include `<format>` tags.

<format>
### Summary

```json
{{
    "modification_type": "{{purpose of the modification. Candidates are: \
'new feature', 'breaking change', 'bug fix', 'minor update'}}",
    "modification_title": "{{Short title of the modification. Locale: {loc} }}"
}}
```

### Explanation
{{explanation}}
</format>
"""


def build_range(root: Path, changed: int, seed: int = 11) -> tuple[str, str]:
    """A docs repository whose last commit changes ``changed`` files."""
    rng = random.Random(seed)
    git(root, "init", "-q", "--initial-branch=main")
    git(root, "config", "user.name", "Bench")
    git(root, "config", "user.email", "bench@example.com")
    pages = {
        f"articles/area-{n % 9}/page-{n}.md": page(rng, n, rng.choice((2, 3, 5, 8, 12)))
        for n in range(changed + 40)
    }
    for path, text in pages.items():
        write(root, path, text)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    base = git(root, "rev-parse", "HEAD").strip()
    paths = sorted(pages)[:changed]
    for index, path in enumerate(paths):
        if index % 20 == 0:
            (root / path).unlink()
        elif index % 20 == 1:
            write(root, path.replace("page-", "new-page-"), page(rng, 9000 + index, 4))
        else:
            write(root, path, edit(rng, pages[path]))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "head")
    return base, git(root, "rev-parse", "HEAD").strip()


def anchor_record(root: Path, change: dict) -> dict:
    """The GitHub compare file record the anchor put in its prompt, as a Python dict."""
    sha = "a" * 40
    url = f"https://github.com/owner/docs/blob/{sha}/{change['path']}"
    return {
        "sha": sha,
        "filename": change["path"],
        "status": change["status"],
        "additions": change["additions"],
        "deletions": change["deletions"],
        "changes": change["changes"],
        "blob_url": url,
        "raw_url": url.replace("/blob/", "/raw/"),
        "contents_url": f"https://api.github.com/repos/owner/docs/contents/{change['path']}?ref={sha}",
        "patch": change["patch"] or "",
    }


def run_anchor(service_url: str, records: list[dict]) -> tuple[float, int]:
    """The anchor's calls, one after another; (seconds, input tokens)."""
    import openai

    client = openai.OpenAI(base_url=f"{service_url}/v1", api_key="bench", max_retries=0)
    started, tokens = time.perf_counter(), 0
    for locale in LOCALES:
        history: list[dict] = []
        explanations = []
        for record in records:
            style = "overview"
            prompt = (
                f"Locale: {locale}\n Explain the following code diff in a {style} manner:\n{record}"
            )
            messages = [
                {"role": "system", "content": ANCHOR_SYSTEM.format(loc=locale)},
                *history,
                {"role": "user", "content": prompt},
            ]
            tokens += estimate_tokens("\n".join(message["content"] for message in messages))
            answer = client.chat.completions.create(
                model="gpt-4o-mini", messages=messages, max_tokens=1000
            )
            text = answer.choices[0].message.content or ""
            explanations.append(text)
            turn = [{"role": "user", "content": prompt}, {"role": "assistant", "content": text}]
            history = [*history, *turn][-4:]
        overview = client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "\n".join(explanations)}],
            max_tokens=1000,
        )
        client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": overview.choices[0].message.content or ""}],
        )
    return time.perf_counter() - started, tokens


def corpus_savings(corpus: Path) -> tuple[int, int]:
    engine = HeuristicEngine(workers=1)
    records = [json.loads(line) for line in corpus.read_text().splitlines()]
    trivial = sum(
        engine.assess(
            FileChange(r["path"], r["status"], r["additions"], r["deletions"], patch=r["patch"])
        ).trivial
        for r in records
    )
    return trivial, len(records)


def report_command(repo: Path, base: str, head: str, out: Path, *options: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "insight",
        "report",
        "--repo",
        str(repo),
        f"{base}..{head}",
        "--engine",
        "llm",
        "--out",
        str(out),
        *options,
    ]


def limited_run(
    command: list[str], cache: Path, budget: RateLimit | None, latency: float
) -> tuple[float, list[dict], int]:
    """One report run against a (rate-limited) service: its wall time, its chat requests,
    and how many files fell back to the offline engine."""
    with FakeModelService(latency=latency, rate_limit=budget) as service:
        environment = {
            **os.environ,
            "OPENAI_BASE_URL": f"{service.url}/v1",
            "OPENAI_API_KEY": "bench",
            "INSIGHT_CACHE": str(cache),
        }
        started = time.perf_counter()
        finished = subprocess.run(
            command, env=environment, capture_output=True, text=True, check=True
        )
        seconds = time.perf_counter() - started
        requests = service.chat_requests()
    out = Path(command[command.index("--out") + 1])
    items = [item for path in out.rglob("*.json") for item in json.loads(path.read_text())["items"]]
    fell_back = sum(1 for item in items if item["engine"] == "heuristic-fallback")
    print(f"  {finished.stderr.strip().splitlines()[-1]}")
    return seconds, requests, fell_back


def rate_limited(arguments: argparse.Namespace) -> None:
    """Paced and fixed-concurrency runs against the same token bucket."""
    workspace = Path(tempfile.mkdtemp(prefix="insight-llm-rate-"))
    try:
        repo = workspace / "docs"
        repo.mkdir()
        base, head = build_range(repo, arguments.files)
        options = ("-l", LOCALES[0], "--concurrency", str(arguments.concurrency))

        def command(name: str) -> list[str]:
            return report_command(repo, base, head, workspace / name, *options)

        # What the run asks of the budget: each request's prompt and max_tokens.
        _, requests, _ = limited_run(command("unlimited"), workspace / "unlimited.sqlite3", None, 0)
        tokens = sum(
            prompt_tokens(request["body"]) + request["body"]["max_tokens"] for request in requests
        )
        # A bucket of L tokens a minute refills L / minute a second: (tokens - L) / that rate
        # is the ideal run's length.
        per_minute = round(tokens * arguments.minute / (arguments.ideal + arguments.minute))
        ideal = (tokens - per_minute) / (per_minute / arguments.minute)
        print(
            f"rate-limited: {arguments.files} files, one locale, {len(requests)} calls, "
            f"{tokens:,} tokens asked; a budget of {per_minute:,} tokens a {arguments.minute:g} s "
            f"minute: ideal {ideal:.1f} s; {arguments.latency * 1000:.0f} ms a call, "
            f"concurrency {arguments.concurrency}"
        )
        for name, headers in (("paced", True), ("fixed", False)):
            budget = RateLimit(per_minute, 10**6, arguments.minute, headers=headers)
            seconds, requests, fell_back = limited_run(
                command(name), workspace / f"{name}.sqlite3", budget, arguments.latency
            )
            refused = sum(1 for request in requests if request["status"] == 429)
            print(
                f"{name}: {seconds:.1f} s, {seconds / ideal:.2f} of the ideal (target <= 1.2); "
                f"{refused} of {len(requests)} requests answered 429 "
                f"({100 * refused / len(requests):.1f}%, target <= 2%); "
                f"{fell_back} files fell back (target 0)"
            )
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--rate-limited", action="store_true", help="The rate-limited scenario (see above)."
    )
    parser.add_argument("--ideal", type=float, default=30.0, help="Seconds of the ideal run.")
    parser.add_argument("--minute", type=float, default=10.0, help="The service's minute, s.")
    parser.add_argument("--concurrency", type=int, default=16)
    arguments = parser.parse_args()
    if arguments.rate_limited:
        arguments.files = arguments.files or 400
        rate_limited(arguments)
        return
    arguments.files = arguments.files or 200
    workspace = Path(tempfile.mkdtemp(prefix="insight-llm-bench-"))
    try:
        repo = workspace / "docs"
        repo.mkdir()
        base, head = build_range(repo, arguments.files)
        with FakeModelService(latency=arguments.latency) as service:
            environment = {
                **os.environ,
                "OPENAI_BASE_URL": f"{service.url}/v1",
                "OPENAI_API_KEY": "bench",
                "INSIGHT_CACHE": str(workspace / "cache.sqlite3"),
            }
            command = report_command(
                repo, base, head, workspace / "reports", "-l", LOCALES[0], "-l", LOCALES[1]
            )
            started = time.perf_counter()
            finished = subprocess.run(
                command, env=environment, capture_output=True, text=True, check=True
            )
            insight_seconds = time.perf_counter() - started
            requests = service.chat_requests()
            insight_in = sum(
                estimate_tokens("\n".join(m["content"] for m in request["body"]["messages"]))
                for request in requests
            )
            per_purpose = {
                p: len(service.chat_requests(p))
                for p in ("file", "localize", "overview", "summary")
            }
            model = json.loads(next((workspace / "reports").rglob("*.json")).read_text())
            records = [anchor_record(repo, item) for item in model["items"]]
            anchor_seconds, anchor_in = run_anchor(service.url, records)
        files = len(records)
        trivial, corpus_files = corpus_savings(arguments.corpus)
        latency = f"{arguments.latency * 1000:.0f} ms a call"
        print(f"range: {files} files changed, locales {', '.join(LOCALES)}, {latency}")
        print(f"insight: {insight_seconds:.1f} s, {len(requests)} calls {per_purpose}")
        print(f"  {finished.stderr.strip().splitlines()[-1]}")
        print(f"anchor design (sequential): {anchor_seconds:.1f} s, {2 * files + 4} calls")
        print(f"speed-up: {anchor_seconds / insight_seconds:.1f}x (target >= 10x)")
        ratio = insight_in / anchor_in
        mine, theirs = insight_in / files, anchor_in / files
        print(f"input tokens per file: insight {mine:.0f}, anchor {theirs:.0f}")
        print(f"ratio insight / anchor: {ratio:.2f} (target <= 0.33)")
        share = 100 * trivial / corpus_files
        saved = f"{trivial} of {corpus_files} files need no model call ({share:.1f}%)"
        print(f"auto on the corpus: {saved}")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
