"""The diff parser on hunks-only patches and on whole diffs."""

from __future__ import annotations

import pytest

from insight.errors import DiffParseError
from insight.source.diff import count_lines, parse_diff, read_hunks, unquote_path


def test_counts_and_line_numbers() -> None:
    patch = "@@ -3,3 +3,4 @@ Heading\n a\n-b\n+B\n+C\n d"
    assert count_lines(patch) == (2, 1)
    hunk = read_hunks(patch)[0]
    assert (hunk.old_start, hunk.new_start, hunk.section) == (3, 3, "Heading")
    assert [(line.kind, line.text, line.old_line, line.new_line) for line in hunk.lines] == [
        (" ", "a", 3, 3),
        ("-", "b", 4, None),
        ("+", "B", None, 4),
        ("+", "C", None, 5),
        (" ", "d", 5, 6),
    ]


@pytest.mark.parametrize("inside", ["\r", "\x0c", "\x85", "\u2028", "\u2029", "\x1c"])
def test_only_newline_splits_lines(inside: str) -> None:
    patch = f"@@ -1,2 +1,2 @@\n-one{inside}half\n+one{inside}whole\n two"
    assert count_lines(patch) == (1, 1)
    assert read_hunks(patch)[0].lines[1].text == f"one{inside}whole"


def test_removed_front_matter_fence_reads_as_a_removed_line() -> None:
    patch = "@@ -1,3 +0,0 @@\n----\n-title: x\n----"
    assert count_lines(patch) == (0, 3)
    assert [line.text for line in read_hunks(patch)[0].lines] == ["---", "title: x", "---"]


def test_blank_lines_without_leading_space_are_context() -> None:
    assert count_lines("@@ -1,3 +1,3 @@\n a\n\n-b\n+c") == (1, 1)


def test_hunk_longer_than_its_header_is_read_leniently() -> None:
    patch = "@@ -1,2 +1,2 @@\n a\n+x\n\n+y\n\n b\n-c"
    assert count_lines(patch) == (2, 1)
    assert [line.kind for hunk in read_hunks(patch) for line in hunk.lines if line.kind != " "] == [
        "+",
        "+",
        "-",
    ]


def test_no_newline_marker_is_not_a_line() -> None:
    patch = "@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file"
    assert count_lines(patch) == (1, 1)
    assert [line.kind for line in read_hunks(patch)[0].lines] == ["-", "+"]


GIT_DIFF = """\
diff --git a/docs/new.md b/docs/new.md
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/docs/new.md
@@ -0,0 +1,2 @@
+# New
+Text
diff --git a/docs/old.md b/docs/old.md
deleted file mode 100644
index 2222222..0000000
--- a/docs/old.md
+++ /dev/null
@@ -1 +0,0 @@
-# Old
diff --git a/docs/a.md b/docs/b.md
similarity index 100%
rename from docs/a.md
rename to docs/b.md
diff --git a/docs/c.md b/docs/d.md
similarity index 80%
copy from docs/c.md
copy to docs/d.md
index 3333333..4444444 100644
--- a/docs/c.md
+++ b/docs/d.md
@@ -1,2 +1,2 @@
 # C
-x
+y
diff --git a/media/p.png b/media/p.png
index 5555555..6666666 100644
Binary files a/media/p.png and b/media/p.png differ
diff --git "a/docs/\\303\\251t\\303\\251.md" "b/docs/\\303\\251t\\303\\251.md"
index 7777777..8888888 100644
--- "a/docs/\\303\\251t\\303\\251.md"
+++ "b/docs/\\303\\251t\\303\\251.md"
@@ -1 +1 @@
-été
+hiver
diff --git a/link.md b/link.md
deleted file mode 100644
index 9999999..0000000
--- a/link.md
+++ /dev/null
@@ -1 +0,0 @@
-text
diff --git a/link.md b/link.md
new file mode 120000
index 0000000..aaaaaaa
--- /dev/null
+++ b/link.md
@@ -0,0 +1 @@
+target.md
\\ No newline at end of file
"""


def test_whole_git_diff() -> None:
    changes = {change.path: change for change in parse_diff(GIT_DIFF)}
    summary = {
        path: (c.status, c.old_path, c.additions, c.deletions, c.binary)
        for path, c in changes.items()
    }
    assert summary == {
        "docs/new.md": ("added", None, 2, 0, False),
        "docs/old.md": ("removed", None, 0, 1, False),
        "docs/b.md": ("renamed", "docs/a.md", 0, 0, False),
        "docs/d.md": ("copied", "docs/c.md", 1, 1, False),
        "media/p.png": ("modified", None, 0, 0, True),
        "docs/été.md": ("modified", None, 1, 1, False),
        "link.md": ("changed", None, 1, 1, False),
    }
    assert changes["docs/new.md"].patch == "@@ -0,0 +1,2 @@\n+# New\n+Text"
    assert changes["docs/b.md"].patch is None
    assert changes["link.md"].patch.endswith("+target.md\n\\ No newline at end of file")


def test_plain_unified_diff_without_git_headers() -> None:
    text = "--- a/page.md\t2025-01-01\n+++ b/page.md\t2025-01-02\n@@ -1 +1,2 @@\n a\n+b\n"
    [change] = parse_diff(text)
    assert (change.path, change.status, change.additions) == ("page.md", "modified", 1)


def test_empty_diff_is_no_files() -> None:
    assert parse_diff("") == []


@pytest.mark.parametrize(
    "text",
    [
        "this is not a diff at all\n",
        "--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\n@@ -9 +9 @@\n-b\n+c\n",
    ],
)
def test_malformed_diff_is_a_clear_error(text: str) -> None:
    with pytest.raises(DiffParseError):
        parse_diff(text)


def test_unquote_path() -> None:
    assert unquote_path('"a/\\303\\251 \\"q\\"\\t.md"') == 'a/é "q"\t.md'
    assert unquote_path("plain/path.md") == "plain/path.md"
