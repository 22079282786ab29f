"""Names that leave the page: what the old text documented and the new one no longer names.

A name the prose marks as code (`` `validate_as_deferred` ``) on a removed line, that the new
document names nowhere, is something readers could use that the page no longer documents
(RUBRIC.md: a parameter, option or API member removed). A name on a line that said what
readers must do first (``To use this command, you must install `nu_plugin_x`.``) is a
prerequisite gone: a step less, nothing readers use removed. A name that only moved, or that a
rename or a correction replaced, is read by the detectors of those; a name the page now spells
right elsewhere (``CertficateRequest``) was a typo; a name in the text of a link points to the
page that documents it, which says whether it went.
"""

from __future__ import annotations

import re
from functools import cache

from insight.analysis.document.detectors.identifiers import respelled
from insight.analysis.document.read import Document
from insight.models import Signal

MAX_NAMES = 5
"""Names reported per document."""
NAME_SPAN = re.compile(r"`([^`\s]{3,60})`")
_LINK_TEXT = re.compile(r"\[[^\]]*\](?=[(\[])")
"""A link's text (``[`log`][config.log]``): a name there points to where it is documented."""
_NAME = re.compile(r"[A-Za-z_][\w.:-]*[\w)]")
_PROSE_ZONES = frozenset(("text", "entry", "table"))


def detect_names(document: Document) -> list[Signal]:
    """``name_removed`` (``name``): a code-span name of a prose line removed (not edited) that
    the new document does not name anywhere."""
    new_text, old_text = document.change.new_text, document.change.old_text or ""
    if new_text is None or "`" not in document.changed_text("old"):
        return []
    signals: list[Signal] = []
    seen: set[str] = set()
    folded = cache(new_text.casefold)  # only once a removed name is missing from the page
    spans = cache(lambda: set(NAME_SPAN.findall(new_text)))
    obligations = document.lexicon.pattern("obligations")
    for hunk, line in document.changed_lines["old"]:
        if document.zone("old", hunk, line.position) not in _PROSE_ZONES or "`" not in line.text:
            continue
        if document.partner("old", hunk).get(line.position) is not None:
            continue  # an edited line: its renames and corrections are read as such
        if obligations.search(line.text):
            continue  # what readers had to do first ("you must install `x`"): a step less
        for name in NAME_SPAN.findall(_LINK_TEXT.sub(" ", line.text)):
            name = name.rstrip("()")
            if name in seen or not _NAME.fullmatch(name) or name in new_text:
                continue
            if f"`{name}`".casefold() in folded():  # still marked as code, its case fixed
                continue
            if any(respelled(name, span, old_text) for span in spans()):
                continue  # its spelling fixed: a correction (RUBRIC.md)
            seen.add(name)
            signals.append(Signal("name_removed", line.number, "old", {"name": name}))
            if len(signals) == MAX_NAMES:
                return signals
    return signals
