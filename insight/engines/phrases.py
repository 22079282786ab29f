"""A structural signal in a locale's words: the catalogue's ``[signal]`` phrases, filled in.

Each kind of signal has a phrase (``signal.<kind>``) and, where its detail calls for it, a
variant (``_added``, ``_removed``, ``_plain``, ``_dated``). Details are shown as they read
inside a sentence: lists shortened, no backticks or line breaks, no heading attribute lists;
a signal whose named detail says nothing (a YAML list marker ``-``, a flag) has no phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from insight import i18n
from insight.models import Signal

MAX_SIGNAL_PHRASES = 3
"""Signals named for one file (the deciding ones first)."""
MAX_LISTED = 3
"""Items of a list detail (rows, typo fixes) named in a phrase."""
EMPTY_VALUES = frozenset(("", "-", "true", "false", "null", "none", "yes", "no", "~"))
"""A detail that names nothing a reader would recognise (a YAML list marker, a flag)."""
_HEADING_ID = re.compile(r"\s*\{\s*#[^{}]*\}$")
"""A heading's attribute list (``{ #create-a-virtual-environment }``): no word of its title."""


def phrased(signals: Sequence[Signal], messages: i18n.Catalogue) -> dict[str, Signal]:
    """Phrases for the first signals (the rules put the deciding ones first), each once, with
    the signal each one says."""
    found: dict[str, Signal] = {}
    for signal in signals:
        said = phrase(signal, messages)
        if said and said not in found:
            found[said] = signal
        if len(found) == MAX_SIGNAL_PHRASES:
            break
    return found


def phrase(signal: Signal, messages: i18n.Catalogue) -> str | None:
    """The catalogue's words for one signal (``signal.<kind>`` or one of its variants); None
    for a signal whose detail names nothing (an entry ``-``)."""
    detail = signal.detail
    key = f"signal.{signal.kind}{_variant(signal)}"
    if not messages.has(key):
        return None
    named = [detail[name] for name in messages.fields(key) if isinstance(detail.get(name), str)]
    if named and all(value.strip().casefold() in EMPTY_VALUES for value in named):
        return None
    params = {name: _shown(value) for name, value in detail.items()}
    for count in ("lines", "added", "removed"):
        if isinstance(detail.get(count), int):
            params[count] = messages.plural("lines", detail[count])
    return messages.text(key, **params)


def _variant(signal: Signal) -> str:
    """Which form of a phrase fits the detail: a key added or removed, no language, a date."""
    detail = signal.detail
    if signal.kind == "front_matter_changed" and detail["old"] is None:
        return "_added"
    if signal.kind == "front_matter_changed" and detail["new"] is None:
        return "_removed"
    if signal.kind in ("code_added", "code_removed", "code_changed") and not detail.get("language"):
        return "_plain"
    if signal.kind.startswith("deprecation_") and detail.get("date"):
        return "_dated"
    if signal.kind.startswith("deprecation_") and detail.get("shared"):
        return "_shared"
    if signal.kind == "typo_fixed" and not detail.get("fixes"):
        return "_plain"
    if signal.kind == "link_retargeted" and not detail.get("text"):
        return "_plain"
    return ""


def _shown(value: object) -> str:
    """A detail value as it reads inside a phrase: lists shortened, no backticks or breaks."""
    if isinstance(value, (list, tuple)):
        listed = [str(item) for item in value[:MAX_LISTED]]
        more = len(value) - len(listed)
        value = ", ".join(listed) + (f" (+{more})" if more > 0 else "")
    shown = " ".join(str(value if value is not None else "").replace("`", "'").split())
    return _HEADING_ID.sub("", shown)
