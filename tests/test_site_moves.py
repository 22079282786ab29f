"""A site-generator migration that relocates the content root keeps the pages' addresses."""

from __future__ import annotations

from docs_repo import DocsRepo
from test_change_set import PAGE, read

from insight.models import BREAKING, MINOR


def test_a_relocated_content_root_keeps_addresses(docs_repo: DocsRepo) -> None:
    docs_repo.write("config.toml", 'baseURL = "https://site.example/"\n')
    pages = [f"concepts/topic-{number}.md" for number in range(12)]
    for page in pages:
        docs_repo.write(f"content/docs/{page}", PAGE.format(title=page))
    docs_repo.write("content/docs/guide.md", PAGE.format(title="Guide"))
    base = docs_repo.commit("hugo")
    docs_repo.remove("config.toml")
    docs_repo.write("site-config.ts", "export const docsDir = 'docs';\n")
    for page in pages:
        docs_repo.move(f"content/docs/{page}", f"docs/{page}")
    docs_repo.move("content/docs/guide.md", "docs/guides/guide.md")
    head = docs_repo.commit("new generator")
    changes = read(docs_repo, f"{base}..{head}")
    moved = changes["docs/concepts/topic-3.md"]
    assert moved.site.keeps_address
    assert moved.type == MINOR
    # A page that moves elsewhere within the new root still changes its address.
    elsewhere = changes["docs/guides/guide.md"]
    assert not elsewhere.site.keeps_address
    assert elsewhere.type == BREAKING
