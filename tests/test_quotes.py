"""What the offline explanations quote of a change: the new sentence, the statement old → new,
read as a reader reads the page (no front matter, code or markup), in any script."""

from __future__ import annotations

from structure_cases import change, page

from insight.engines import quotes

LEAD = "The service stores every request for thirty days before it deletes them."


def test_a_rewrite_quotes_the_changed_words_in_their_context() -> None:
    edited = change(
        page(LEAD, "", "You can export the requests as CSV."),
        page(LEAD.replace("thirty", "ninety"), "", "You can export the requests as CSV."),
    )
    found = quotes.rewrite(edited)
    assert found is not None
    assert (found.old, found.new) == (
        "…every request for thirty days before it…",
        "…every request for ninety days before it…",
    )


def test_changes_close_together_are_one_quote() -> None:
    edited = change(
        page("Alpine 3.20 and 3.19 are supported for x64 machines."),
        page("Alpine 3.21 and 3.20 are supported for x64 machines."),
    )
    found = quotes.rewrite(edited)
    assert found is not None
    assert (found.old, found.new) == (
        "Alpine 3.20 and 3.19 are supported for…",
        "Alpine 3.21 and 3.20 are supported for…",
    )


def test_front_matter_code_and_markup_are_not_prose() -> None:
    old = page(LEAD, "", "```python", "client = Client(timeout=30)", "```", "")
    new = page(
        LEAD,
        "",
        "```python",
        "client = Client(timeout=60)",
        "```",
        "",
        "Use **retries** with the [backoff helper](retry.md) for long_running calls.",
        front="title: A page\nms.date: 02/02/2025",
    )
    edited = change(old, new)
    assert quotes.added(edited) == (
        "Use retries with the backoff helper for long_running calls."
    )  # markup dropped, the name with underscores kept whole
    code = quotes.rewrite(edited, reading=quotes.CODE)
    assert code is not None and (code.old, code.new) == (
        "client = Client(timeout=30)",
        "client = Client(timeout=60)",
    )


def test_an_added_line_that_continues_a_sentence_quotes_the_next_whole_one() -> None:
    old = page("The cmdlet reads the key from the file", "named in the Path parameter.")
    new = page(
        "The cmdlet reads the key from the file",
        "named in the Path parameter. Keys longer than 32 bytes are rejected.",
    )
    assert quotes.added(change(old, new)) == "Keys longer than 32 bytes are rejected."


def test_chinese_and_japanese_are_compared_character_by_character() -> None:
    edited = change(page("这是服务的第一个版本。"), page("这是服务的第二个版本。"))
    found = quotes.rewrite(edited)
    assert found is not None
    assert (found.old, found.new) == ("这是服务的第一个版本。", "这是服务的第二个版本。")
    assert quotes.added(
        change(page(LEAD), page(LEAD, "", "新しい設定ファイルを読み込みます。"))
    ) == ("新しい設定ファイルを読み込みます。")


def test_a_file_that_is_no_page_is_quoted_line_by_line() -> None:
    edited = change('version = "0.0.71"\n', 'version = "0.0.72"\n', path="crates/uv/Cargo.toml")
    found = quotes.rewrite(edited)
    assert found is not None and (found.old, found.new) == (
        'version = "0.0.71"',
        'version = "0.0.72"',
    )


def test_a_long_quote_is_cut_at_a_word() -> None:
    assert quotes.shorten("one two three four five six", 14) == "one two three…"
