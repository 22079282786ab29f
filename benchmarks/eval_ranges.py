"""How well the offline engine types real commit ranges, run through the CLI as a user runs it.

    python benchmarks/eval_ranges.py [--data ../shared/eval/dev-multi.jsonl]
                                     [--repos ../.mirror | NAME=GIT_DIR,...]
                                     [--workers 2] [--errors] [--json FILE]

``--data`` holds hand-labelled files (``label``) of several docs repositories, each with the
commit range (``range``) it changed in. For every distinct (repository, range) this runs
``insight report --engine heuristic -l en_US`` in a subprocess, with a generated config whose
one category matches every file, reads the JSON models the run wrote and matches each labelled
file to the report item of the same ``path`` (for renames, also the same ``old_path``). No
``insight`` module is imported: the command is found next to ``sys.executable``, else on PATH.

``--repos`` is a folder of mirrors holding ``OWNER+NAME`` (or ``NAME``) folders, each a git
directory or holding one in ``repo/``, or a comma-separated list of ``NAME=GIT_DIR``. A
repository not found is named and its files are skipped.

Prints, per repository and overall: macro-F1, accuracy and the confusion matrix for all files
and for modified files only; the labelled files no report item matched, with the reason; and
two shares of the modified files' titles:

- count only: after removing numbers, the words ``line``, ``lines``, ``of``, ``text``, ``in``,
  ``and`` and the verbs ``added``, ``removed``, ``reworded``, ``changed``, ``edited``,
  ``updated``, ``deleted`` (any case), no letter is left ("Added 12 lines of text",
  "Reworded 2 lines"; "Updated file: x.md" is not count only);
- names something: a code span of the title, or a word of 4+ letters that is neither one of
  the words above nor a word of insight's English title templates (``page``, ``section``,
  ``entry``, ``code``, ``sample``, ``version``…: ``TEMPLATE_WORDS``), occurs (ignoring case)
  in an added or removed line of the item's patch or in its path.

``INSIGHT_*`` variables are not passed to the runs, so that only the generated config counts.

``--errors`` lists the mislabelled files; ``--json FILE`` writes the numbers as JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev-multi.jsonl"
DEFAULT_REPOS = ROOT.parent / ".mirror"
REPOSITORIES = {
    "azure-docs-cli": "MicrosoftDocs/azure-docs-cli",
    "windows-powershell-docs": "MicrosoftDocs/windows-powershell-docs",
    "prometheus-docs": "prometheus/docs",
    "uv": "astral-sh/uv",
    "pydantic": "pydantic/pydantic",
    "PowerShell-Docs": "MicrosoftDocs/PowerShell-Docs",
    "semantic-kernel-docs": "MicrosoftDocs/semantic-kernel-docs",
    "fastapi": "fastapi/fastapi",
}
TYPES = ("breaking change", "new feature", "minor update")
MINOR = TYPES[2]
SHORT = {"breaking change": "breaking", "new feature": "new", "minor update": "minor"}
CONFIG = 'output = "{category}-{locale}.md"\n\n[categories.all]\npaths = ["**"]\n'
COUNT_WORDS = {"line", "lines", "of", "text", "in", "and"}
COUNT_VERBS = {"added", "removed", "reworded", "changed", "edited", "updated", "deleted"}
TEMPLATE_WORDS = {
    "page", "file", "type", "moved", "copied", "section", "heading", "level", "from", "link",
    "points", "include", "image", "replaced", "descriptions", "video", "code", "sample", "table",
    "column", "marked", "available", "longer", "note", "deprecation", "notice", "retirement",
    "dated", "version", "typos", "fixes", "fixed", "formatting", "changes", "whitespace",
    "hidden", "comments", "entry", "renamed", "with",
}  # fmt: skip
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
WORD = re.compile(r"[^\W\d_]+")
LONG_WORD = re.compile(r"[^\W\d_]{4,}")
CODE_SPAN = re.compile(r"`([^`]+)`")
FULL_SHA = re.compile(r"\b([0-9a-f]{7})[0-9a-f]{33}\b")


@dataclass
class Run:
    """One ``insight report`` over one range, and the report items it wrote, by path."""

    repo: str
    range: str
    seconds: float = 0.0
    error: str | None = None
    notices: list[str] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def is_git_dir(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir()


def find_repositories(spec: str, names: Sequence[str]) -> dict[str, Path]:
    """The git directory of each repository name that ``spec`` (a folder or a mapping) holds."""
    if "=" in spec:
        pairs = (entry.split("=", 1) for entry in spec.split(",") if entry.strip())
        mapping = {name.strip(): Path(path.strip()).expanduser() for name, path in pairs}
        return {name: path for name, path in mapping.items() if path.exists()}
    root = Path(spec).expanduser()
    found = {}
    for name in names:
        folders = [root / REPOSITORIES.get(name, name).replace("/", "+"), root / name]
        candidates = [
            c for folder in folders for c in (folder / "repo", folder, Path(f"{folder}.git"))
        ]
        git_dir = next((c for c in candidates if is_git_dir(c) or (c / ".git").exists()), None)
        if git_dir is not None:
            found[name] = git_dir
    return found


def insight_command() -> str | None:
    beside = Path(sys.executable).with_name("insight")
    return str(beside) if beside.exists() else shutil.which("insight")


def insight_version(command: str) -> str:
    done = subprocess.run([command, "--version"], capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).strip() or f"exit {done.returncode}"


def run_report(command: str, git_dir: Path, run: Run, config: Path) -> Run:
    """Run ``insight report`` over one range in a fresh output folder; read the items back."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("INSIGHT_")
    }
    with tempfile.TemporaryDirectory(prefix="eval-ranges-") as out:
        arguments = [command, "report", "--repo", str(git_dir), run.range, "--engine", "heuristic"]
        arguments += ["--out", out, "--config", str(config), "-l", "en_US"]
        started = time.perf_counter()
        done = subprocess.run(
            arguments, capture_output=True, text=True, cwd=out, env=environment, check=False
        )
        run.seconds = time.perf_counter() - started
        run.notices = [line for line in done.stderr.splitlines() if line.strip()]
        if done.returncode != 0:
            last = run.notices[-1] if run.notices else "no message"
            run.error = f"insight exited {done.returncode}: {last}"
            return run
        for model_path in sorted(Path(out).rglob("*.json")):
            model = json.loads(model_path.read_text(encoding="utf-8"))
            if model.get("schema") == "insight.report/v1":
                run.items.extend(model.get("items", []))
    return run


def run_all(command: str, git_dirs: dict[str, Path], runs: Sequence[Run], workers: int) -> float:
    """Run every range, ``workers`` at once, with one generated config; the seconds it took."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eval-ranges-config-") as folder:
        config = Path(folder) / "insight.toml"
        config.write_text(CONFIG, encoding="utf-8")
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = [
                pool.submit(run_report, command, git_dirs[run.repo], run, config) for run in runs
            ]
            for future in futures:
                future.result()
    return time.perf_counter() - started


def match(record: dict, items: Sequence[dict]) -> tuple[dict | None, str]:
    """The report item of a labelled file, or None and why none is."""
    same_path = [item for item in items if item["path"] == record["path"]]
    if record.get("old_path"):
        renamed = [item for item in same_path if item.get("old_path") == record["old_path"]]
        if renamed:
            return renamed[0], ""
    if same_path:
        return same_path[0], ""
    moved = [item for item in items if item.get("old_path") == record["path"]]
    if moved:
        return None, f"the report has it only as the old path of {moved[0]['path']}"
    return None, f"no report item has this path ({len(items)} items in the run)"


def changed_lines(patch: str | None) -> str:
    lines = (patch or "").splitlines()
    return "\n".join(
        line[1:] for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")
    )


def count_only(title: str) -> bool:
    words = WORD.findall(NUMBER.sub(" ", title).lower())
    return all(word in COUNT_WORDS or word in COUNT_VERBS for word in words)


def names_something(title: str, path: str, patch: str | None) -> bool:
    haystack = (changed_lines(patch) + "\n" + path).lower()
    spans = [span.strip().lower() for span in CODE_SPAN.findall(title)]
    ignored = COUNT_WORDS | COUNT_VERBS | TEMPLATE_WORDS
    words = [w for w in LONG_WORD.findall(CODE_SPAN.sub(" ", title).lower()) if w not in ignored]
    return any(term and term in haystack for term in spans + words)


def score_block(
    rows: Sequence[dict], scores: Callable, report: Callable, title: str
) -> tuple[list[str], dict]:
    """The printed lines and the numbers of one repository (or of all)."""
    matched = [row for row in rows if row["predicted"]]
    modified = [row for row in matched if row["status"] == "modified"]
    pairs = [(row["gold"], row["predicted"]) for row in matched]
    modified_pairs = [(row["gold"], row["predicted"]) for row in modified]
    result_all, result_modified = scores(pairs), scores(modified_pairs)
    titled = len(modified)
    counts = sum(row["count_only"] for row in modified)
    named = sum(row["names_something"] for row in modified)
    unmatched = [row for row in rows if not row["predicted"]]
    lines = [f"== {title}: {len(rows)} labelled files, {len(matched)} matched"]
    lines += report("all files", result_all, len(pairs))
    lines += report("modified files", result_modified, len(modified_pairs))
    lines.append(
        f"titles of modified files: count only {counts}/{titled} = {share(counts, titled):.3f},"
        f" name something {named}/{titled} = {share(named, titled):.3f}"
    )
    trivial = [row for row in matched if row.get("trivial")]
    trivial_minor = sum(1 for row in trivial if row["gold"] == MINOR)
    lines.append(
        f"trivial mark: {len(trivial)} files, precision "
        f"{share(trivial_minor, len(trivial)):.3f} ({trivial_minor} labelled minor update)"
    )
    lines.append(f"not matched: {len(unmatched)}")
    lines += [f"  {row['id']} {row['path']}: {row['reason']}" for row in unmatched]
    numbers = {
        "files": len(rows),
        "matched": len(matched),
        "all": result_all,
        "modified": result_modified,
        "modified_files": titled,
        "count_only": counts,
        "count_only_share": share(counts, titled),
        "names_something": named,
        "names_something_share": share(named, titled),
        "trivial": len(trivial),
        "trivial_precision": share(trivial_minor, len(trivial)),
        "unmatched": [{key: row[key] for key in ("id", "path", "reason")} for row in unmatched],
    }
    return lines, numbers


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def load_classify_metrics() -> tuple[Callable, Callable]:
    """``scores`` and ``report`` of the sibling eval_classify.py, loaded by file path."""
    spec = importlib.util.spec_from_file_location(
        "eval_classify", ROOT / "benchmarks" / "eval_classify.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.scores, module.report


def row_of(record: dict, item: dict | None, reason: str) -> dict:
    row = {
        "id": record["id"],
        "repo": record["repo"],
        "path": record["path"],
        "status": record["status"],
        "gold": record["label"],
        "predicted": None,
        "reason": reason,
    }
    if item is None:
        return row
    if item.get("type") not in TYPES:
        row["reason"] = f"the report item has an unknown type {item.get('type')!r}"
        return row
    patch = item.get("patch") or record.get("patch")
    row.update(
        predicted=item["type"],
        labelled=" from ".join(filter(None, (record["status"], record.get("old_path")))),
        reported=" from ".join(filter(None, (item.get("status"), item.get("old_path")))),
        title=item.get("title", ""),
        trivial=bool(item.get("trivial")),
        count_only=count_only(item.get("title", "")),
        names_something=names_something(item.get("title", ""), record["path"], patch),
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled JSONL")
    parser.add_argument(
        "--repos",
        default=str(DEFAULT_REPOS),
        metavar="DIR_OR_MAPPING",
        help="folder of OWNER+NAME mirrors, or NAME=GIT_DIR,... (default: %(default)s)",
    )
    parser.add_argument("--workers", type=int, default=2, help="insight runs at once")
    parser.add_argument("--errors", action="store_true", help="list the mislabelled files")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the numbers as JSON")
    arguments = parser.parse_args()

    command = insight_command()
    if command is None:
        parser.exit(2, "eval_ranges: no `insight` command next to the interpreter or on PATH\n")
    scores, report = load_classify_metrics()
    records = read_records(arguments.data)
    names = sorted({record["repo"] for record in records})
    git_dirs = find_repositories(arguments.repos, names)
    lines = [
        f"{arguments.data.name}: {len(records)} labelled files;"
        f" {insight_version(command)} at {command}"
    ]
    for name in names:
        if name not in git_dirs:
            skipped = sum(record["repo"] == name for record in records)
            lines.append(
                f"repository {name} ({REPOSITORIES.get(name, '?')}): no git directory for it"
                f" in --repos; its {skipped} files are skipped"
            )
    records = [record for record in records if record["repo"] in git_dirs]
    runs = {
        (record["repo"], record["range"]): Run(record["repo"], record["range"])
        for record in records
    }

    seconds = run_all(command, git_dirs, list(runs.values()), arguments.workers)
    lines.append(
        f"{len(runs)} runs of insight report in {seconds:.1f} s"
        f" ({arguments.workers} at once; {sum(run.seconds for run in runs.values()):.1f} s in all)"
    )

    rows = []
    for record in records:
        run = runs[(record["repo"], record["range"])]
        item, reason = (None, run.error) if run.error else match(record, run.items)
        rows.append(row_of(record, item, reason))

    lines.append("")
    lines.append("runs (seconds, report items, notices from insight):")
    for run in sorted(runs.values(), key=lambda run: (run.repo, run.range)):
        commits = FULL_SHA.sub(r"\1", run.range)
        lines.append(f"  {run.repo} {commits}: {run.seconds:.1f} s, {len(run.items)} items")
        lines += [f"    {notice}" for notice in run.notices]

    numbers = {
        "data": str(arguments.data),
        "seconds": seconds,
        "runs": [
            {key: getattr(run, key) for key in ("repo", "range", "seconds", "error", "notices")}
            | {"items": len(run.items)}
            for run in runs.values()
        ],
        "repositories": {},
    }
    for name in [*sorted(git_dirs), None]:
        subset = [row for row in rows if name is None or row["repo"] == name]
        block, numbers_of = score_block(subset, scores, report, name or "overall")
        lines += ["", *block]
        if name is None:
            numbers["overall"] = numbers_of
        else:
            numbers["repositories"][name] = numbers_of

    differ = [row for row in rows if row["predicted"] and row["reported"] != row["labelled"]]
    lines += ["", f"matched with another status or old path: {len(differ)}"]
    lines += [
        f"  {row['id']} {row['path']}: labelled {row['labelled']}, reported {row['reported']}"
        for row in differ
    ]
    wrong = [row for row in rows if row["predicted"] and row["predicted"] != row["gold"]]
    numbers["errors"] = [
        {key: row[key] for key in ("id", "repo", "path", "status", "gold", "predicted", "title")}
        for row in wrong
    ]
    if arguments.errors:
        lines += ["", f"mislabelled: {len(wrong)}"]
        lines += [
            f"  {row['id']} {row['path']} ({row['status']}): labelled {SHORT[row['gold']]},"
            f" engine {SHORT[row['predicted']]}: {row['title']}"
            for row in wrong
        ]
    print("\n".join(lines))
    if arguments.json:
        arguments.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
