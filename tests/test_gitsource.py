"""The git source on real repositories: statuses, exact counts, ranges, remotes, permalinks."""

from __future__ import annotations

import shutil
from pathlib import Path

import git
import pytest
from docs_repo import DocsRepo

from insight.config import Settings
from insight.errors import GitSourceError, InsightError
from insight.report.pipeline import build_reports
from insight.source import repository
from insight.source.changes import ChangeSet, file_changes
from insight.source.remote import repository_name
from insight.source.tree import Tree, TreeCache

FRONT_MATTER_PAGE = "---\ntitle: Quotas\nms.date: 05/01/2025\n---\n\n# Quotas\n\nText.\n"
LONG_PAGE = "".join(f"Line {number} of a long page about deployments.\n" for number in range(40))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def build_every_status(repo: DocsRepo) -> tuple[str, str]:
    """Two commits whose diff has every status and every awkward kind of content."""
    repo.write("docs/keep.md", "# Keep\n\nOld text.\n")
    repo.write("docs/remove.md", "# Remove\n\nGoing away.\n")
    repo.write("docs/move-same.md", LONG_PAGE)
    repo.write("docs/move-edit.md", "# Moved\n\n" + LONG_PAGE)
    repo.write("docs/type.md", "# A file that becomes a link\n")
    repo.write("media/image.png", PNG)
    repo.write("docs/with space.md", "# Space\n")
    repo.write("docs/ünïcödé.md", "# 中文 title\n\n日本語のテキスト。\n")
    repo.write("docs/crlf.md", "# CRLF\r\n\r\nLine one.\r\nLine two.\r\n")
    repo.write("docs/latin1.md", "# Caf\xe9\n\nna\xefve text\n".encode("latin-1"))
    repo.write("docs/frontmatter.md", FRONT_MATTER_PAGE)
    repo.write(
        "docs/weird.md",
        "a\rb bare CR\nc\u2028d line separator\ne\x0cf form feed\ng\x85h next line\n",
    )
    repo.write("scripts/run.sh", "#!/bin/sh\necho run\n")
    base = repo.commit("initial docs")

    repo.write("docs/keep.md", "# Keep\n\nNew text.\n\n## New section\n\nMore.\n")
    repo.remove("docs/remove.md")
    repo.move("docs/move-same.md", "articles/move-same.md")
    repo.move("docs/move-edit.md", "articles/move-edit.md")
    repo.write(
        "articles/move-edit.md", "# Moved and edited\n\n" + LONG_PAGE + "A new closing line.\n"
    )
    repo.remove("docs/type.md")
    repo.symlink("docs/type.md", "keep.md")
    repo.write("media/image.png", PNG[::-1])
    repo.write("media/new.png", PNG[:100])
    repo.write("docs/with space.md", "# Space\n\nAdded.\n")
    repo.write("docs/ünïcödé.md", "# 中文 title\n\n日本語のテキスト。追加。\n")
    repo.write("docs/crlf.md", "# CRLF\r\n\r\nLine one changed.\r\nLine two.\r\n")
    repo.write("docs/latin1.md", "# Caf\xe9\n\nna\xefve text, \xe9dit\xe9\n".encode("latin-1"))
    repo.write("docs/frontmatter.md", "# Quotas\n\nText.\n")
    repo.write(
        "docs/weird.md",
        "a\rb bare CR\nc\u2028d line separator changed\ne\x0cf form feed\ng\x85h next line\n",
    )
    repo.write(
        "docs/fence.md", "# Code\n\n```python\nprint('hi')\n```\n\n````md\n```\nnested\n```\n````\n"
    )
    repo.write("docs/new.md", "---\ntitle: Brand new\n---\n\n# Brand new\n\nHello.\n")
    (repo.path / "scripts/run.sh").chmod(0o755)
    head = repo.commit("second docs commit", date="2025-05-29T09:30:00-07:00")
    return base, head


@pytest.fixture
def every_status(docs_repo: DocsRepo) -> tuple[DocsRepo, ChangeSet, str, str]:
    base, head = build_every_status(docs_repo)
    commit_range = repository.resolve_range(docs_repo.repo, f"{base}..{head}")
    return docs_repo, file_changes(docs_repo.repo, commit_range), base, head


def by_path(change_set: ChangeSet) -> dict:
    return {change.path: change for change in change_set.changes}


def test_every_status_in_githubs_words(every_status) -> None:
    _, change_set, _, _ = every_status
    statuses = {path: change.status for path, change in by_path(change_set).items()}
    assert statuses == {
        "articles/move-edit.md": "renamed",
        "articles/move-same.md": "renamed",
        "docs/crlf.md": "modified",
        "docs/fence.md": "added",
        "docs/frontmatter.md": "modified",
        "docs/keep.md": "modified",
        "docs/latin1.md": "modified",
        "docs/new.md": "added",
        "docs/remove.md": "removed",
        "docs/type.md": "changed",
        "docs/weird.md": "modified",
        "docs/with space.md": "modified",
        "docs/ünïcödé.md": "modified",
        "media/image.png": "modified",
        "media/new.png": "added",
        "scripts/run.sh": "modified",
    }


def test_counts_equal_git_numstat_file_by_file(every_status) -> None:
    repo, change_set, base, head = every_status
    expected = repo.numstat(f"{base}..{head}")
    assert {c.path: (c.additions, c.deletions) for c in change_set.changes} == expected
    assert all(
        change.changes == change.additions + change.deletions for change in change_set.changes
    )


def git_order(repo: DocsRepo, base: str, head: str) -> list[str]:
    """The paths of ``git diff -M`` in the order one pass of git lists them."""
    return [
        path
        for path in repo.repo.git.diff("-M", "--name-only", "-z", base, head).split("\0")
        if path
    ]


def test_files_are_listed_in_gits_own_order(docs_repo: DocsRepo) -> None:
    # The files modified in place and the others come from two passes of git, side by side;
    # their lists merge into the order of a single pass: "a.b" before "a/b" (git sorts a
    # folder's name as if it ended in "/"), a rename at its new path, a file become a folder.
    names = ("docs/a.b.md", "docs/a/b.md", "docs/a0.md", "docs/Z.md", "docs/é.md", "docs/x")
    for name in names:
        docs_repo.write(name, f"# {name}\n\n" + LONG_PAGE)
    docs_repo.write("docs/moved.md", "# Moved\n\n" + LONG_PAGE)
    base = docs_repo.commit("pages")
    for name in names[:-1]:
        docs_repo.write(name, f"# {name}\n\nEdited.\n" + LONG_PAGE)
    docs_repo.remove("docs/x")
    docs_repo.write("docs/x/y.md", "# A folder where a file was\n")
    docs_repo.move("docs/moved.md", "docs/a/a.md")
    docs_repo.write("docs/a-b.md", "# Added\n")
    head = docs_repo.commit("edits, a move and a file become a folder")

    commit_range = repository.resolve_range(docs_repo.repo, f"{base}..{head}")
    listed = [change.path for change in file_changes(docs_repo.repo, commit_range).changes]
    assert listed == git_order(docs_repo, base, head)
    assert listed.index("docs/a.b.md") < listed.index("docs/a/a.md") < listed.index("docs/a/b.md")


def test_every_status_is_listed_in_gits_own_order(every_status) -> None:
    repo, change_set, base, head = every_status
    assert [change.path for change in change_set.changes] == git_order(repo, base, head)


def test_renames_keep_their_old_path(every_status) -> None:
    _, change_set, _, _ = every_status
    changes = by_path(change_set)
    assert changes["articles/move-same.md"].old_path == "docs/move-same.md"
    assert changes["articles/move-same.md"].patch is None
    assert (
        changes["articles/move-same.md"].additions,
        changes["articles/move-same.md"].deletions,
    ) == (0, 0)
    edited = changes["articles/move-edit.md"]
    assert edited.old_path == "docs/move-edit.md"
    assert edited.patch.startswith("@@ ")
    assert (edited.additions, edited.deletions) == (2, 1)


def test_binary_files_count_zero_and_have_no_patch(every_status) -> None:
    _, change_set, _, _ = every_status
    changes = by_path(change_set)
    for path in ("media/image.png", "media/new.png"):
        assert changes[path].binary
        assert changes[path].patch is None
        assert (changes[path].additions, changes[path].deletions) == (0, 0)


def test_patch_is_hunks_only_without_final_newline(every_status) -> None:
    _, change_set, _, _ = every_status
    patch = by_path(change_set)["docs/keep.md"].patch
    assert patch.startswith("@@ -1,3 +1,7 @@")
    assert not patch.endswith("\n")
    assert "diff --git" not in patch and "+++ " not in patch


def test_awkward_content_is_read_exactly(every_status) -> None:
    _, change_set, _, _ = every_status
    changes = by_path(change_set)
    assert "\u2028d line separator changed" in changes["docs/weird.md"].patch
    assert (changes["docs/weird.md"].additions, changes["docs/weird.md"].deletions) == (1, 1)
    assert "Line one changed.\r" in changes["docs/crlf.md"].patch
    assert "\ufffd" in changes["docs/latin1.md"].patch
    assert "----" in changes["docs/frontmatter.md"].patch.splitlines()
    assert "+```python" in changes["docs/fence.md"].patch
    assert "日本語のテキスト。追加。" in changes["docs/ünïcödé.md"].patch


def test_documents_are_read_whole_for_markdown(every_status) -> None:
    _, change_set, _, _ = every_status
    changes = by_path(change_set)
    assert changes["docs/frontmatter.md"].old_text == FRONT_MATTER_PAGE
    assert changes["docs/frontmatter.md"].new_text == "# Quotas\n\nText.\n"
    assert changes["docs/remove.md"].new_text is None
    assert changes["docs/new.md"].old_text is None
    assert changes["docs/type.md"].new_text is None  # a symlink is no document
    assert changes["media/image.png"].new_text is None


def test_type_change_is_one_entry_counted_like_numstat(every_status) -> None:
    repo, change_set, base, head = every_status
    change = by_path(change_set)["docs/type.md"]
    assert (change.additions, change.deletions) == repo.numstat(f"{base}..{head}")["docs/type.md"]
    assert change.patch.count("@@ ") == 2


def test_patch_larger_than_the_limit_is_left_out_with_exact_counts(docs_repo: DocsRepo) -> None:
    docs_repo.write("big.md", "# Big\n")
    base = docs_repo.commit("small")
    docs_repo.write("big.md", "# Big\n" + "".join(f"row {number}\n" for number in range(3000)))
    head = docs_repo.commit("big")
    commit_range = repository.resolve_range(docs_repo.repo, f"{base}..{head}")
    change = file_changes(docs_repo.repo, commit_range, patch_limit=10_000).changes[0]
    assert change.patch is None and change.patch_too_large
    assert (change.additions, change.deletions) == (3000, 0)
    assert change.patch_size > 10_000


def page(number: int) -> str:
    return "".join(f"Page {number} says {line} things about deployments.\n" for line in range(30))


def test_a_range_of_many_renames_keeps_them_all(docs_repo: DocsRepo) -> None:
    for number in range(60):
        docs_repo.write(f"old/page-{number}.md", page(number))
    base = docs_repo.commit("pages")
    for number in range(60):
        docs_repo.move(f"old/page-{number}.md", f"new/article-{number}.md")
        docs_repo.write(f"new/article-{number}.md", "# Edited\n" + page(number))
    head = docs_repo.commit("move and edit every page")
    commit_range = repository.resolve_range(docs_repo.repo, f"{base}..{head}")
    generous = file_changes(docs_repo.repo, commit_range, rename_limit=1000)
    assert {change.status for change in generous.changes} == {"renamed"}
    assert not generous.notices
    stingy = file_changes(docs_repo.repo, commit_range, rename_limit=5)
    assert {change.status for change in stingy.changes} == {"added", "removed"}
    assert "rename" in stingy.notices[0]
    assert "rename_limit to at least" in stingy.notices[0]


def test_three_dots_start_at_the_merge_base_and_two_dots_do_not(docs_repo: DocsRepo) -> None:
    docs_repo.write("shared.md", "# Shared\n")
    fork = docs_repo.commit("fork point")
    docs_repo.branch("topic")
    docs_repo.write("topic.md", "# Topic\n")
    docs_repo.commit("topic work")
    docs_repo.checkout("main")
    docs_repo.write("main.md", "# Main\n")
    docs_repo.commit("main work")

    symmetric = repository.resolve_range(docs_repo.repo, "main...topic")
    assert symmetric.base == fork and symmetric.symmetric
    paths = [change.path for change in file_changes(docs_repo.repo, symmetric).changes]
    assert paths == ["topic.md"]

    straight = repository.resolve_range(docs_repo.repo, "main..topic")
    assert not straight.symmetric
    statuses = {c.path: c.status for c in file_changes(docs_repo.repo, straight).changes}
    assert statuses == {"main.md": "removed", "topic.md": "added"}

    single = repository.resolve_range(docs_repo.repo, fork)
    assert (single.base, single.head) == (fork, docs_repo.repo.head.commit.hexsha)


def test_commits_of_a_first_parent_listing_start_at_gits_own_merge_base(
    docs_repo: DocsRepo,
) -> None:
    """A backfill's days are named by the commits a first-parent listing gave: between two of
    them the merge base is the earlier one, and git is asked only for any other pair."""
    docs_repo.write("a.md", "# A\n")
    start = docs_repo.commit("start")
    listed = []
    for number in range(3):
        docs_repo.write(f"page-{number}.md", f"# Page {number}\n")
        listed.append(docs_repo.commit(f"page {number}"))
    docs_repo.branch("topic", listed[0])
    docs_repo.checkout("topic")
    docs_repo.write("topic.md", "# Topic\n")
    side = docs_repo.commit("side work")
    docs_repo.checkout("main")
    repo = docs_repo.repo
    assert [sha for sha, _ in repository.first_parent_commits(repo, start, listed[-1])] == listed
    pairs = [(listed[0], listed[2]), (listed[2], listed[0]), (listed[1], listed[1])]
    pairs += [(side, listed[2]), (listed[2], side), (start, listed[1])]
    for left, right in pairs:
        resolved = repository.resolve_range(repo, f"{left}...{right}")
        assert resolved.base == repo.git.merge_base(left, right), (left, right)
        assert (resolved.left, resolved.head) == (left, right)


def test_a_report_covers_the_commits_and_days_git_lists(docs_repo: DocsRepo) -> None:
    """The range line: how many commits, and the first and last of their committers' days."""
    docs_repo.write("a.md", "# A\n")
    base = docs_repo.commit("base", "2025-05-01T10:00:00+00:00")
    for day in ("2025-05-03", "2025-05-02", "2025-05-06"):  # committed out of order
        docs_repo.write("a.md", f"# A\n\nEdited {day}.\n")
        docs_repo.commit(f"edit {day}", f"{day}T23:30:00-02:00")  # the committer's own day
    model = build_reports(Settings(repo=str(docs_repo.path)), f"{base}...HEAD").reports[0]
    assert model.range is not None
    assert (model.range.commits, model.range.first_date, model.range.last_date) == (
        3,
        "2025-05-02",
        "2025-05-06",
    )


def test_empty_range_has_no_changes(docs_repo: DocsRepo) -> None:
    docs_repo.write("a.md", "# A\n")
    docs_repo.commit("one")
    docs_repo.commit("empty")
    commit_range = repository.resolve_range(docs_repo.repo, "HEAD~1..HEAD")
    assert file_changes(docs_repo.repo, commit_range).changes == []


def test_unknown_revision_names_it(docs_repo: DocsRepo) -> None:
    docs_repo.write("a.md", "# A\n")
    docs_repo.commit("one")
    with pytest.raises(GitSourceError, match="unknown revision 'no-such-branch'"):
        repository.resolve_range(docs_repo.repo, "no-such-branch...HEAD")


def test_every_way_of_naming_a_commit_and_what_is_not_one(docs_repo: DocsRepo) -> None:
    docs_repo.write("a.md", "# A\n")
    first = docs_repo.commit("first: the page")
    docs_repo.repo.create_tag("v1", ref=first, message="an annotated tag")
    docs_repo.write("a.md", "# A\n\nMore.\n")
    second = docs_repo.commit("second: more text")
    repo = docs_repo.repo

    assert repository.resolve_commit(repo, "v1") == first  # the tag object, peeled
    assert repository.resolve_commit(repo, second[:10]) == second
    assert repository.resolve_commit(repo, "HEAD~1") == first
    assert repository.resolve_commit(repo, ":/first: the") == first  # a colon in the text
    tree = repo.commit(second).tree.hexsha
    with pytest.raises(GitSourceError, match=f"'{tree}' names a tree, not a commit"):
        repository.resolve_commit(repo, tree)
    with pytest.raises(GitSourceError, match=r"'HEAD:a\.md' names a blob, not a commit"):
        repository.resolve_commit(repo, "HEAD:a.md")
    with pytest.raises(GitSourceError, match="unknown revision ':/no such message'"):
        repository.resolve_commit(repo, ":/no such message")


@pytest.mark.parametrize(
    ("spec", "hint"),
    [
        ("HEAD~2...HEAD", ""),
        ("HEAD~2..HEAD", ""),
        ("HEAD...HEAD~2", "2 commits behind {left}, so this shows nothing new"),
        ("HEAD..HEAD~2", "2 commits behind {left}, so this shows those commits undone"),
    ],
)
def test_a_range_read_backwards_is_named(docs_repo: DocsRepo, spec: str, hint: str) -> None:
    for number in range(3):
        docs_repo.write("a.md", f"# A\n\nVersion {number}.\n")
        docs_repo.commit(f"version {number}")
    commit_range = repository.resolve_range(docs_repo.repo, spec)
    found = repository.reversed_hint(docs_repo.repo, commit_range)
    assert (hint.format(left=commit_range.left[:7]) in found) if hint else found == ""


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(GitSourceError, match="not a git repository"):
        repository.open_repository(str(tmp_path), tmp_path / "cache")
    with pytest.raises(GitSourceError, match="no such directory"):
        repository.open_repository(str(tmp_path / "missing"), tmp_path / "cache")


def test_bare_repository_and_url_clone_fetched_on_later_runs(
    docs_repo: DocsRepo, tmp_path: Path
) -> None:
    docs_repo.write("a.md", "# A\n")
    first = docs_repo.commit("one")
    remote = tmp_path / "remote.git"
    git.Repo.init(remote, bare=True, initial_branch="main")
    docs_repo.repo.create_remote("upstream", str(remote))
    docs_repo.repo.git.push("-q", "upstream", "main")

    bare = repository.open_repository(str(remote), tmp_path / "cache")
    assert repository.resolve_range(bare, "main").head == first

    url = remote.as_uri()
    cache = tmp_path / "cache"
    clone = repository.open_repository(url, cache)
    assert repository.resolve_range(clone, "main").head == first
    assert len(list((cache / "repos").iterdir())) == 1

    docs_repo.write("b.md", "# B\n")
    second = docs_repo.commit("two")
    docs_repo.repo.git.push("-q", "upstream", "main")
    again = repository.open_repository(url, cache)
    assert again.git_dir == clone.git_dir
    commit_range = repository.resolve_range(again, f"{first}...main")
    assert commit_range.head == second
    assert [c.path for c in file_changes(again, commit_range).changes] == ["b.md"]


def test_a_git_directory_copied_without_its_work_tree(docs_repo: DocsRepo, tmp_path: Path) -> None:
    docs_repo.write("a.md", "# A\n")
    docs_repo.commit("one")
    docs_repo.write("a.md", "# A\n\nMore.\n")
    head = docs_repo.commit("two")
    copy = tmp_path / "copies" / "repo"
    shutil.copytree(docs_repo.path / ".git", copy)
    (copy / "config").unlink()  # no core.bare: GitPython would guess a work tree in copies/
    repo = repository.open_repository(str(copy), tmp_path / "cache")
    commit_range = repository.resolve_range(repo, "HEAD~1")
    assert commit_range.head == head
    assert [c.path for c in file_changes(repo, commit_range).changes] == ["a.md"]


def test_clone_failure_does_not_leak_credentials(tmp_path: Path) -> None:
    url = "https://reader:s3cret-token@127.0.0.1:9/owner/docs.git"
    with pytest.raises(GitSourceError) as raised:
        repository.open_repository(url, tmp_path / "cache")
    assert "s3cret-token" not in str(raised.value)
    assert "127.0.0.1:9/owner/docs.git" in str(raised.value)


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        (
            "https://github.com/MicrosoftDocs/azure-ai-docs.git",
            "https://github.com/MicrosoftDocs/azure-ai-docs/compare/MicrosoftDocs:{a}...MicrosoftDocs:{b}",
        ),
        (
            "git@github.com:MicrosoftDocs/azure-ai-docs.git",
            "https://github.com/MicrosoftDocs/azure-ai-docs/compare/MicrosoftDocs:{a}...MicrosoftDocs:{b}",
        ),
        (
            "https://user:token@github.com/owner/repo",
            "https://github.com/owner/repo/compare/owner:{a}...owner:{b}",
        ),
        ("https://gitlab.com/group/docs.git", "https://gitlab.com/group/docs/-/compare/{a}...{b}"),
        (
            "ssh://git@codeberg.org/team/docs.git",
            "https://codeberg.org/team/docs/compare/{a}...{b}",
        ),
        (None, ""),
        ("/srv/git/docs.git", ""),
        ("file:///srv/git/docs.git", ""),
    ],
)
def test_permalink_forms(docs_repo: DocsRepo, remote: str | None, expected: str) -> None:
    docs_repo.write("a.md", "# A\n")
    first = docs_repo.commit("one")
    docs_repo.write("a.md", "# A\n\nMore.\n")
    second = docs_repo.commit("two")
    if remote:
        docs_repo.repo.create_remote("origin", remote)
    commit_range = repository.resolve_range(docs_repo.repo, f"{first}...{second}")
    assert repository.permalink(docs_repo.repo, commit_range) == expected.format(
        a=first[:7], b=second[:7]
    )


def test_permalink_two_dots_and_template(docs_repo: DocsRepo) -> None:
    docs_repo.write("a.md", "# A\n")
    first = docs_repo.commit("one")
    docs_repo.write("a.md", "# B\n")
    second = docs_repo.commit("two")
    docs_repo.repo.create_remote("origin", "https://github.com/o/r.git")
    straight = repository.resolve_range(docs_repo.repo, f"{first}..{second}")
    assert repository.permalink(docs_repo.repo, straight).endswith(f"o:{first[:7]}..o:{second[:7]}")
    template = "https://git.example.com/docs/diff/{base_sha}{dots}{head_sha}"
    assert repository.permalink(docs_repo.repo, straight, template) == (
        f"https://git.example.com/docs/diff/{first}..{second}"
    )


def test_commit_date_is_the_committers_own_day(every_status) -> None:
    repo, _, _, head = every_status
    assert repository.commit_date(repo.repo, head) == "2025-05-29"


@pytest.mark.parametrize(
    ("location", "name"),
    [
        ("https://github.com/MicrosoftDocs/azure-ai-docs.git", "azure-ai-docs"),
        ("git@github.com:MicrosoftDocs/PowerShell-Docs.git", "PowerShell-Docs"),
        ("/srv/git/fastapi-docs.git", "fastapi-docs"),
        ("/srv/work/fastapi/", "fastapi"),
    ],
)
def test_repository_name(location: str, name: str) -> None:
    assert repository_name(location) == name


def test_an_object_git_cannot_read_is_named_not_a_crash(docs_repo: DocsRepo) -> None:
    """A clone missing an object (a partial or damaged one): git stops partway through the
    patches, and the error is git's own, with the object it could not read."""
    docs_repo.write("a.md", "# A\n")
    docs_repo.write("b.md", "# B\n")
    docs_repo.commit("one")
    docs_repo.write("a.md", "# A\n\nMore.\n")
    docs_repo.write("b.md", "# B\n\nMore.\n")
    docs_repo.commit("two")
    missing = docs_repo.repo.git.rev_parse("HEAD:b.md")
    (docs_repo.path / ".git" / "objects" / missing[:2] / missing[2:]).unlink()
    commit_range = repository.resolve_range(docs_repo.repo, "HEAD~1..HEAD")
    with pytest.raises(InsightError, match=f"git diff failed in .*{missing}"):
        file_changes(docs_repo.repo, commit_range)


def test_the_heads_file_list_follows_from_the_bases_and_the_changes(every_status) -> None:
    docs_repo, change_set, base, head = every_status
    docs_repo.move("docs/keep.md", "docs/kept.md")  # a path left and taken again
    docs_repo.write("docs/keep.md", "# Keep, a new page at the old path\n")
    later = docs_repo.commit("a page moved, another in its place")
    cache = TreeCache()
    assert Tree(docs_repo.repo, base, cache).paths  # the base's list, as a day before read it
    cache.follow(base, head, change_set.objects)
    following = repository.resolve_range(docs_repo.repo, f"{head}..{later}")
    cache.follow(head, later, file_changes(docs_repo.repo, following).objects)
    assert {head, later} <= set(cache.listings)  # worked out, not listed
    for commit in (head, later):
        listed = Tree(docs_repo.repo, commit)  # listed by git
        derived = Tree(docs_repo.repo, commit, cache)
        assert derived.paths == listed.paths
        assert {path: derived.read(path) for path in derived.paths} == {
            path: listed.read(path) for path in listed.paths
        }


def test_a_search_brought_up_to_date_from_the_texts_read_finds_what_git_finds(
    docs_repo: DocsRepo,
) -> None:
    """The pages a range changed are searched in the texts it read; the lines found are
    git grep's on the whole tree, awkward lines too (a byte order mark, CRLF, another
    case, a letter outside ASCII that Python, not git, folds to an ASCII one)."""
    needles, suffixes = ("[!include", "import"), (".md", ".mdx")
    docs_repo.write("a.md", "# A\n\n[!INCLUDE [n](n.md)]\n")
    docs_repo.write("keep.md", "# Keep\n\n[!include [n](n.md)]\n")
    base = docs_repo.commit("base")
    docs_repo.write("a.md", "\ufeffimport X from './x.mdx'\n\n# A\n")  # a byte order mark
    docs_repo.write("b.mdx", "# B\r\n\r\n[!Include [n](n.md)]\r\nIMPORT\r\n")
    docs_repo.write("c.md", "# C\n\nNothing to find, \u0130mport.\n")
    docs_repo.write("big.md", "[!include [n](n.md)]\n")  # read by git: the range had no text
    docs_repo.remove("keep.md")
    head = docs_repo.commit("head")
    commit_range = repository.resolve_range(docs_repo.repo, f"{base}..{head}")
    change_set = file_changes(docs_repo.repo, commit_range)
    texts = {c.path: c.new_text for c in change_set.changes if c.new_text and c.path != "big.md"}
    assert set(texts) == {"a.md", "b.mdx", "c.md"}
    cache = TreeCache()
    Tree(docs_repo.repo, base, cache).search(needles, suffixes, ignore_case=True).lines()
    cache.follow(base, head, change_set.objects, texts)
    updated = Tree(docs_repo.repo, head, cache).search(needles, suffixes, ignore_case=True)
    fresh = Tree(docs_repo.repo, head).search(needles, suffixes, ignore_case=True)
    assert (
        updated.lines()
        == fresh.lines()
        == {
            "a.md": ["import X from './x.mdx'"],
            "b.mdx": ["[!Include [n](n.md)]\r", "IMPORT\r"],
            "big.md": ["[!include [n](n.md)]"],
        }
    )
    assert list(updated.lines()) == list(fresh.lines())  # in git's order
