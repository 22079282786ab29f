"""What new prose announces: a capability readers can now use, or one they lost.

Docs say a change in plain words before they document it: "added support for …", "… is now
available", "this feature became mainstream" tell a reader there is something new to use;
"… was removed", "… is no longer …", "… are not allowed to …" that what they relied on no
longer holds. The wording counts only on an added prose line whose other version (if any)
did not say it already, nor a line the page lost (a sentence moved within the page is no
news), outside code and metadata. The wording is the lexicon's (``new_capability``,
``lost_capability``: ``insight/lexicon/*.toml``).
"""

from __future__ import annotations

from insight.analysis.document.read import Document
from insight.analysis.document.words import as_read, bag, short
from insight.models import Signal

MAX_NEWS = 5
"""Lines quoted per kind and document."""
REWORDED_GAIN = 2
"""Words an edited line may gain and still say what it said (a word put in order, one more
word of the same sentence)."""
_QUIET_ZONES = frozenset(("front", "comment", "code", "fence"))


def detect_news(document: Document) -> list[Signal]:
    """``capability_added`` and ``capability_lost`` (``text``): an added prose line that
    announces something new, or something gone."""
    added = document.changed_text("new")
    signals: list[Signal] = []
    for kind, name in (
        ("capability_added", "new_capability"),
        ("capability_lost", "lost_capability"),
    ):
        wording = document.lexicon.pattern(name)
        if not wording.search(added):
            continue
        partners = document.partner_texts("new")
        said = {
            as_read(line.text)
            for _, line in document.changed_lines["old"]
            if wording.search(line.text)
        }
        found = 0
        for hunk, line in document.changed_lines["new"]:
            if found == MAX_NEWS or document.zone("new", hunk, line.position) in _QUIET_ZONES:
                continue
            partner = partners.get((hunk, line.position), "")
            if wording.search(line.text) and not wording.search(partner):
                if kind == "capability_added" and partner and _reworded(partner, line.text):
                    continue  # the same sentence, a word put in order ("supports also")
                if as_read(line.text) in said:
                    continue  # a sentence the page lost elsewhere: moved, not news
                detail = {"text": short(line.text.strip(" >*-\t"))}
                signals.append(Signal(kind, line.number, "new", detail))
                found += 1
    return signals


def _reworded(old: str, new: str) -> bool:
    """Whether an edited line gained at most ``REWORDED_GAIN`` words: the same sentence."""
    return len(bag(new) - bag(old)) <= REWORDED_GAIN
