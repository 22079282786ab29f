"""What changed in a document's structure: the facts the rubric is decided on.

``analyze(change)`` reads a Markdown or YAML change and lists ``Signal``s, each with the line
it came from (``side`` says in which document). It reads the hunks of the patch; the whole
documents, when the source has them, only tell it where each hunk stands (inside a code
fence, a comment or the front matter; how long a section is). Without them the hunks are read
as fragments, so every signal also works on a GitHub ``patch``: a removed ``## Heading`` line
with the removed lines under it is a removed section.

The signals, their details and the rubric line each one serves follow. ``line`` is 1-based
in the new document (``side: new``) or, for what was removed, in the old one (``side: old``).
The rules in ``insight/analysis/rules.py`` weigh them against the rubric (RUBRIC.md, summarised
in the README); the heuristic engine names the deciding ones in each locale
(``insight/catalogues/*.toml``, table ``[signal]``).

Only Markdown (`.md`, `.markdown`, `.mdx`) and YAML (`.yml`, `.yaml`) files of a modified,
renamed, copied or type-changed path are read; other files, binaries and pages added or
removed whole give no signals (their status decides their type).

## Markdown

- `section_added`: `heading`, `level`, `lines` (section size), `changed` (its lines added),
  `moved` (of those, lines also removed elsewhere), `kept` (every line of its body that says
  something is one of those: the page had it under another heading), `words` (of its changed
  lines below the heading), `dated` (a what's-new heading such as "March 2025"), `example`
  (numbered past the first of a series, "Example 4: …", "例 4：…", with a code block in it).
  Rubric: new feature: a new section that documents a capability; minor: one more example of
  what is already documented.
- `section_removed`: same as above, for the old document, and `restated` (a section of prose
  whose words the text the page gained holds, most of them: merged into it, reworded).
  Rubric: breaking: a section or procedure is removed.
- `section_renamed`: `old`, `new`, `level` (a page's single `#` title is always a rename).
  Rubric: minor: wording.
- `heading_level_changed`: `heading`, `old_level`, `new_level`. Rubric: minor: formatting.
- `tab_added`, `tab_removed`: `tab`, `lines`: a `# [Label](#tab/id)` pivot that came or went
  with most of its content. Rubric: new: a new sample / breaking: a code sample is removed.
- `front_matter_changed`: `key`, `old`, `new` (`null` when the key was added or removed); front
  matter with or without `---` fences. Rubric: minor: metadata only.
- `link_added`, `link_removed`: `text`, `target` (inline, reference, autolink, `<a href>`).
  Rubric: minor: links.
- `link_retargeted`: `text`, `old`, `new`. Rubric: minor: link targets fixed or retargeted.
- `include_added`, `include_removed`: `target`, `text`: `[!INCLUDE [text](path)]`. Rubric:
  shared content in or out.
- `include_retargeted`: `old`, `new`. Rubric: minor: link targets.
- `image_added`, `image_removed`: `source` (`![alt](src)`, `:::image source=`, `<img src>`).
  Rubric: minor: image refreshes.
- `image_replaced`: `old`, `new`. Rubric: minor: image refreshes.
- `image_text_changed`: `lines`: alt text or caption of an image line reworded. Rubric: minor:
  image refreshes.
- `video_added`, `video_removed`: `source`: `> [!VIDEO url]`. Rubric: minor.
- `code_added`, `code_removed`: `language`, `lines`; with both documents, `kept`: for a removed
  block the share of its lines the page still shows (samples merged into one keep them all),
  for an added block the share the page lost elsewhere (a block fenced that stood indented).
  Rubric: new: a new sample / breaking: a code sample is removed.
- `code_changed`: `language`, `added`, `removed` (lines, whitespace ignored). Rubric: breaking:
  old sample code no longer works. A block that lists an option's properties under its heading
  (`### -Path` over `Required: True`, `Accept pipeline input: False`) is read, not typed: its
  lines make no `code_changed`, `identifier_renamed` or `code_line_changed`; a `Default value`
  changed in it is still a `default_changed`.
- `table_row_added`, `table_row_removed`: `row` (first cell as read), `table` (first header
  cell). Rubric: new / breaking: a model, region, parameter or option.
- `table_row_changed`: `row`, `table`, and `added`/`removed` items of list-like cells (`a <br>
  b`, `a, b`). Rubric: minor: routine table maintenance (rows added to a table most of whose
  rows changed weigh half: a regenerated table).
- `table_column_added`, `table_column_removed`: `column`. Rubric: new / breaking.
- `availability_expanded`: `column`, `rows`: cells that turned from a "no" mark (`-`, `❌`, `No`,
  empty) to a "yes" mark (`✅`, `✓`, `Yes`). Rubric: new: availability expanded.
- `availability_reduced`: `column`, `rows`: "yes" turned "no". Rubric: breaking: availability
  reduced.
- `alert_added`, `alert_removed`: `alert`: `NOTE`, `TIP`, `IMPORTANT`, `WARNING`, `CAUTION`.
  Rubric: minor: notes that add no capability.
- `alert_changed`: `old`, `new`: one alert type swapped for another in an edit. Rubric: minor:
  formatting.
- `deprecation_added`, `deprecation_removed`: `text`, `date`: retire, deprecate, end of support,
  no longer supported/available, will be removed… (also in Chinese and Japanese); `shared`:
  the file the notice comes from, when its line only includes one (``[!INCLUDE
  [x-deprecated](../includes/x-deprecated.md)]``). Rubric: breaking: announced as deprecated
  or retired with a date.
- `breaking_entry_added`: `text`: a release-notes heading or entry flagged at its start as
  breaking, removed or deprecated (`[BREAKING CHANGE] …`, `**Breaking:** …`, `### Removed`,
  `### 破壊的変更`), as opposed to entries that only add; a mention inside a sentence is no flag.
  Rubric: breaking: a renamed or removed command, option or setting announced in release notes.
- `default_changed`, `minimum_raised`, `value_changed`: `old`, `new`, `text`: a number replaced
  by another in an edited prose or table line whose words stay; on a line that speaks of a
  default (`default`, `默认`, `既定`, `デフォルト`) both before and after, a changed default; on a
  line that states a minimum (`at least`, `or later`, `>=`, `以上`, `至少`…) whose number grew, a
  raised minimum. A name replaced on such a line of a code sample (`Default value: None` →
  `True`) is a changed default too. Rubric: breaking: a changed default, a raised minimum
  version / minor: routine table maintenance (a value alone).
- `limit_reduced`, `limit_raised`: `old`, `new`, `text`: a number replaced on a line that states
  a limit both before and after (`limit`, `maximum`, `up to`, `quota`, `上限`, `最大`…).
  Rubric: breaking: a limit or quota is reduced / new: a limit is expanded.
- `statement_corrected`: `old`, `new`: a small edit (at most 6 words) of a line that gained or
  lost a negation (`not`, `no longer`, `不`, `ない`…) or traded a permission for an obligation
  (`optional` → `required`, `can` → `must`, `可选` → `必须`): the old statement is now wrong, as
  opposed to detail added. The whole edit must have gained or lost it too: a paragraph wrapped
  anew only moves its "not" to another line. Rubric: breaking: instructions change
  incompatibly, a new required step.
- `capability_added`, `capability_lost`: `text`: an added prose line that announces something
  new to use ("added support for", "is now available", "became mainstream") or something
  readers relied on that no longer holds ("was removed", "is no longer", "are not allowed
  to", "is disabled by default"), when its other version did not say it already. Rubric:
  new: a capability not documented before / breaking: something they relied on no longer
  holds.
- `version_changed`: `old`, `new`, `in_code`: an API version (`2025-04-01-preview`) or package
  version (`1.2.3`, `2.1.0-beta2`) replaced in an edited line. Rubric: breaking: a changed
  version, a raised minimum version (a patch release, `1.2.3` → `1.2.4`, is a routine update).
- `identifier_renamed`: `old`, `new`, `in_code`: a name replaced by another in an edited line:
  any token of a code sample line (a package, namespace, command, parameter, path), or in prose
  and tables a code span or an option-shaped word (`--name`, `-Name`); tokens that differ only
  in digits are left to `version_changed`. Rubric: breaking: a renamed endpoint, package,
  command, field or setting.
- `name_corrected`: `old`, `new`, `in_code`: a name whose case or spelling was fixed
  (`callback` → `callBack`, `Get-AzConext` → `Get-AzContext`). Rubric: minor: fixing a typo or
  the case of a name.
- `sample_changed`: `old`, `new`, `in_code`: a name or value a sample chose for itself (a
  variable, class or function the document defines, a quoted value, the path of a file a line
  pulls in, the text of a link that now points elsewhere). Rubric: minor: making a sample
  agree with the text; an include path readers never see.
- `code_line_changed`: `old`, `new`, `added`, `removed`: a line of a kept code sample that
  gained or lost names with nothing in their place (an argument added or dropped). Rubric:
  breaking: a new required parameter; old sample code that no longer works.
- `sample_key_added`: `key`, `language`: a line shaped as a setting (`key: …`, `key = …`, `[ key:
  … ]`, `--option`) with a placeholder value (`<string>`) or marked optional, inserted into a
  code block that was there before, nothing removed in its place: a reference or syntax block;
  or a name a sample line gained inside square brackets only (`[-Any]`: optional in a syntax).
  Rubric: new: a field, parameter or option not documented before.
- `entry_added`, `entry_removed`: `name`: a list item or definition term led by a name (a code
  span, `<code>`, or an item that is one identifier alone: ``* `stddev` (…)``, `- to_json`),
  a heading that is a link to a name (`### [Get-Thing](get-thing.md)`: an index of commands),
  or a value a comma-separated list in an edited line gained or lost (`Accepted values: a,
  b` → `a, b, c`); net of the same name going the other way. Markdown only. Rubric: new: a
  parameter, option or value not documented before / breaking: one removed.
- `text_added`, `text_removed`: `lines`, `words`: prose outside the structures above. Rubric: by
  size only as a last resort (breaking when much more is removed than added).
- `text_edited`: `lines`, `words` (words changed). Rubric: minor: wording, small clarifications.
- `typo_fixed`: `lines`, `words`, `fixes` (`old → new`): case or a letter or two; a changed
  number is never a typo. Rubric: minor: typos.
- `formatting_changed`: `lines`: markup only (emphasis, code spans, `<br>`), the words the same.
  Rubric: minor: formatting.
- `whitespace_changed`: `lines`: spacing, indentation, blank lines only. Rubric: minor:
  formatting.
- `comment_changed`: `lines`: HTML comments and YAML comments, hidden from readers. Rubric:
  minor.

## YAML

- `toc_entry_added`, `toc_entry_removed`: `name`, `href` (`toc.yml`, matched by `href`, then
  `name`). Rubric: new: a new page / breaking: a page leaves the TOC.
- `toc_entry_moved`: `name`, `href`, `old_parent`, `new_parent`. Rubric: minor: TOC ordering.
- `toc_entry_renamed`: `href`, `old`, `new`. Rubric: minor.
- `toc_entry_retargeted`: `name`, `old`, `new`. Rubric: minor: link targets.
- `front_matter_changed`: `key`, `old`, `new`: top-level or metadata keys of other YAML files
  (`faq.yml`, `index.yml`). Rubric: minor: metadata only.
- `yaml_entry_added`, `yaml_entry_removed`: `key`, `value`: a list entry (`- question: ...`, `-
  name: ...`). Rubric: new / breaking by what it holds.

Prose inside YAML values (`answer: |` blocks) gives the same `text_*` and `typo_fixed` signals
as Markdown.

## How lines are read

- Whole documents (`FileChange.old_text`/`new_text`) are scanned with regular expressions only
  (no per-line parse): fenced code blocks, HTML comments, the front matter, the ATX headings and
  their section ends. That tells where each hunk starts (inside a fence? a comment?) and how
  long a section is.
- Without documents (a GitHub `patch`), each hunk is read as a fragment: a fence that would have
  to close with a language cannot be a closer, so the reading in which every closing fence is
  bare wins; otherwise the lines around the first fence decide. A hunk near the top whose lines
  look like `key: value` up to a `---` is front matter.
- Lines split on `\\n` only: a bare `\\r`, U+2028 or a form feed inside a line is content. A
  trailing `\\r` (CRLF files) is ignored.
- Table cells split on unescaped pipes (`\\|` stays in the cell).
- Moved content does not count as added or removed: a section whose lines reappear elsewhere
  carries them in `moved`.

## From signals to a type

`insight/analysis/rules.py` weighs the signals of a modified page as evidence for breaking change
(sections, pivots and samples removed, rows and availability lost, a version changed in a
sample, a dated retirement notice, much more prose removed than added) and for new feature
(sections, pivots, samples, rows, columns, availability and TOC entries added). Evidence of
weight 1 moves a page out of minor update; breaking wins when it weighs at least three quarters
of the new-feature evidence (tie-break 1). Navigation sections (Next steps, Related content…)
and moved lines weigh nothing; on a what's-new page (a section titled by a date came or went)
only retirements, lost availability and changed versions count as breaking.

The trivial mark (no model call needed) is given only when every signal is metadata,
whitespace, formatting, hidden comments, link or include targets, links added to or removed
from words that stay, image refreshes, alert type swaps, heading levels, TOC moves or renames,
or a typo-size edit (at most 3 words in one line, or 2 words in each of two lines); and to
image files.

## Where it happens

``Document`` (``document.py``) reads a change once: its hunks as two fragments each
(``hunks.py``), where each fragment starts (``source.py``), the zone of each changed line and
the elements it holds (``reading.py``). The detectors (``detectors/``, one module per family)
are functions over it; ``detectors.DETECTORS`` lists them in the order of their signals.

Everything here is linear in the size of the patch plus the documents: elements are matched
through dictionaries, the documents are scanned with regular expressions, and the few
pairwise comparisons (headings of one hunk, lines of one edit) are bounded by constants.
"""

from __future__ import annotations

from collections import Counter

from insight.analysis import evidence
from insight.analysis.document.detectors import detectors_for
from insight.analysis.document.hunks import hunks_of
from insight.analysis.document.read import Document
from insight.analysis.document.wrapped import unwrapped
from insight.lexicon import Lexicon
from insight.lexicon import load as load_lexicon
from insight.models import MARKDOWN_SUFFIXES, YAML_SUFFIXES, FileChange, Signal

SIGNAL_KINDS = evidence.SIGNAL_KINDS
"""Every kind of signal ``analyze`` gives (declared in ``insight.analysis.evidence``)."""
MAX_SIGNALS_PER_KIND = 40
"""More signals of one kind are dropped (entries of a table of contents excepted)."""


def document_kind(path: str) -> str | None:
    """``markdown``, ``toc`` (a YAML table of contents), ``yaml`` or None for anything else."""
    lowered = path.lower()
    if lowered.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lowered.endswith(YAML_SUFFIXES):
        name = lowered.rsplit("/", 1)[-1]
        return "toc" if name.startswith("toc.") else "yaml"
    return None


def read_through(change: FileChange) -> bool:
    """Whether ``analyze`` reads the change (a Markdown or YAML file changed in part)."""
    kind = document_kind(change.path)
    return kind is not None and not change.binary and change.status not in ("added", "removed")


def analyze(change: FileChange, lexicon: Lexicon | None = None) -> tuple[Signal, ...]:
    """The structural signals of one changed file, by kind (the rules order them by weight).

    Only Markdown and YAML files of a modified, renamed, copied or type-changed path are read;
    any other file, and pages added or removed whole, give no signals (their status says it).
    ``lexicon`` holds the words the detectors look for (by default the shipped ones).
    """
    kind = document_kind(change.path)
    if kind is None or not read_through(change):
        return ()
    hunks = hunks_of(change)
    if not hunks:
        return ()
    change, hunks = unwrapped(change, hunks)  # Docusaurus content in an mdx-code-block fence
    document = Document(change, hunks, kind, lexicon or load_lexicon())
    signals = [signal for detect in detectors_for(document) for signal in detect(document)]
    if kind == "toc":
        return tuple(signals)  # every entry of a table of contents counts
    return tuple(_bounded(_by_column(signals)))


def _by_column(signals: list[Signal]) -> list[Signal]:
    """One availability signal per column and direction, naming its rows."""
    merged: dict[tuple[str, str], Signal] = {}
    rest = []
    for signal in signals:
        if signal.kind not in ("availability_expanded", "availability_reduced"):
            rest.append(signal)
            continue
        key = (signal.kind, signal.detail["column"])
        if key in merged:
            merged[key].detail["rows"].append(signal.detail["row"])
        else:
            detail = {"column": signal.detail["column"], "rows": [signal.detail["row"]]}
            merged[key] = Signal(signal.kind, signal.line, signal.side, detail)
    return list(merged.values()) + rest


def _bounded(signals: list[Signal]) -> list[Signal]:
    """At most ``MAX_SIGNALS_PER_KIND`` of a kind, so a rewrite stays readable."""
    counts: Counter[str] = Counter()
    kept = []
    for signal in signals:
        counts[signal.kind] += 1
        if counts[signal.kind] <= MAX_SIGNALS_PER_KIND:
            kept.append(signal)
    return kept
