"""The detectors: each reads a ``Document`` and lists the signals of one family.

``DETECTORS`` is the one place that says which run and in what order (the order of the signals
``analyze`` gives, which the rules and titles rely on).
"""

from __future__ import annotations

from collections.abc import Callable

from insight.analysis.document.detectors.code import detect_code
from insight.analysis.document.detectors.deprecations import (
    detect_deprecations,
    detect_flagged_entries,
)
from insight.analysis.document.detectors.elements import (
    detect_alerts,
    detect_images,
    detect_includes,
    detect_links,
    detect_videos,
    detect_yaml_entries,
)
from insight.analysis.document.detectors.entries import detect_entries
from insight.analysis.document.detectors.front_matter import detect_front_matter
from insight.analysis.document.detectors.identifiers import detect_identifiers, detect_sample_keys
from insight.analysis.document.detectors.names import detect_names
from insight.analysis.document.detectors.news import detect_news
from insight.analysis.document.detectors.sections import detect_sections
from insight.analysis.document.detectors.statements import detect_statements
from insight.analysis.document.detectors.tables import detect_tables
from insight.analysis.document.detectors.tabs import detect_tabs
from insight.analysis.document.detectors.text import detect_text
from insight.analysis.document.detectors.toc import detect_toc_entries
from insight.analysis.document.detectors.versions import detect_versions
from insight.analysis.document.read import Document
from insight.models import Signal

Detector = Callable[[Document], list[Signal]]

DETECTORS: tuple[Detector, ...] = (
    detect_front_matter,
    detect_sections,
    detect_tabs,
    detect_tables,
    detect_code,
    detect_includes,
    detect_links,
    detect_images,
    detect_videos,
    detect_alerts,
    detect_yaml_entries,
    detect_versions,
    detect_identifiers,
    detect_sample_keys,
    detect_entries,
    detect_names,
    detect_statements,
    detect_deprecations,
    detect_flagged_entries,
    detect_news,
    detect_text,
)
"""Every detector of a Markdown or YAML document, in the order of the signals they give."""
FRONT_MATTER_DETECTORS = tuple(
    detect for detect in DETECTORS if detect in (detect_front_matter, detect_text)
)
"""The detectors that run when every changed line lies in the front matter: its keys, and the
comments and blank lines among them."""
TOC_DETECTORS: tuple[Detector, ...] = (detect_toc_entries,)
"""A table of contents is read as entries only."""


def detectors_for(document: Document) -> tuple[Detector, ...]:
    """The detectors that read ``document``, in order."""
    if document.kind == "toc":
        return TOC_DETECTORS
    if document.metadata_only:
        return FRONT_MATTER_DETECTORS
    return DETECTORS
