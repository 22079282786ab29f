"""What new prose announces: a capability readers can now use, or one they lost.

Docs say a change in plain words before they document it: "added support for …", "… is now
available", "this feature became mainstream" tell a reader there is something new to use;
"… was removed", "… is no longer …", "… are not allowed to …" that what they relied on no
longer holds. The wording counts only on an added prose line whose other version (if any)
did not say it already, outside code and metadata.
"""

from __future__ import annotations

import re

from insight.analysis.document.read import Document
from insight.analysis.document.words import short
from insight.models import Signal

MAX_NEWS = 5
"""Lines quoted per kind and document."""
CAPABILITY = re.compile(
    r"\b(?:adds?|added|adding) support\b|\bnow (?:supports?|accepts?|available)\b"
    r"|\b(?:is|are) now (?:generally )?available\b|\bbecame (?:mainstream|generally available)\b"
    r"|\b(?:also|now) (?:supports?|accepts?)\b|\bnew in (?:version|v?\d)"
    r"|\bintroduced in (?:version|v?\d)"
    r"|新增(?:了)?(?:对|支持)|现已(?:支持|推出|提供)|现在支持|がサポートされるようになりました"
    r"|が利用可能になりました|を追加しました",
    re.IGNORECASE,
)
"""Wording that announces something new to use."""
LOSS = re.compile(
    r"\b(?:was|were|has been|have been) (?:removed|dropped|disabled)\b"
    r"|\b(?:is|are) no longer\b|\b(?:is|are) not allowed\b|\bno longer (?:works?|accepts?)\b"
    r"|\b(?:is|are) (?:now )?disabled by default\b"
    r"|已被?(?:删除|移除)|不再(?:允许|可用)|削除されました|使用できなくなりました|許可されていません",
    re.IGNORECASE,
)
"""Wording that says something readers relied on no longer holds."""
_QUIET_ZONES = frozenset(("front", "comment", "code", "fence"))


def detect_news(document: Document) -> list[Signal]:
    """``capability_added`` and ``capability_lost`` (``text``): an added prose line that
    announces something new, or something gone."""
    added = document.changed_text("new")
    signals: list[Signal] = []
    for kind, wording in (("capability_added", CAPABILITY), ("capability_lost", LOSS)):
        if not wording.search(added):
            continue
        partners = document.partner_texts("new")
        found = 0
        for hunk, line in document.changed_lines["new"]:
            if found == MAX_NEWS or document.zone("new", hunk, line.position) in _QUIET_ZONES:
                continue
            if wording.search(line.text) and not wording.search(
                partners.get((hunk, line.position), "")
            ):
                detail = {"text": short(line.text.strip(" >*-\t"))}
                signals.append(Signal(kind, line.number, "new", detail))
                found += 1
    return signals
