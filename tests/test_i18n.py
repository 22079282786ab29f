"""Message catalogues: every locale says the same things, with its own plural rules."""

from __future__ import annotations

import re
import sys

import pytest

from insight import i18n
from insight.resources import resource_dir

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def keys_of(locale: str) -> set[str]:
    with (resource_dir("catalogues") / f"{locale}.toml").open("rb") as handle:
        keys = i18n.Catalogue(locale, tomllib.load(handle)).message_keys()
    return {key.removesuffix(".one").removesuffix(".other") for key in keys}


@pytest.mark.parametrize(
    ("locale", "script"), [("zh_CN", "[\u4e00-\u9fff]"), ("ja_JP", "[\u3040-\u30ff]")]
)
def test_each_locale_writes_in_its_own_language(locale: str, script: str) -> None:
    english, local = i18n.catalogue("en_US"), i18n.catalogue(locale)
    for key in ("overview.highlights", "explain.removed", "explain.rewrite", "report.covers"):
        assert local.text(key, **PARAMETERS) != english.text(key, **PARAMETERS), key
        assert re.search(script, local.text(key, **PARAMETERS)), key


PARAMETERS = {
    "files": "F",
    "category": "C",
    "breaking": "B",
    "new": "N",
    "minor": "M",
    "subject": "S",
    "lines": "L",
    "range": "R",
    "commits": "K",
    "days": "",
    "old": "O",
}


@pytest.mark.parametrize("locale", i18n.supported_locales())
def test_every_catalogue_has_the_english_keys(locale: str) -> None:
    assert keys_of(locale) == keys_of("en_US")


def test_plural_forms() -> None:
    english = i18n.catalogue("en_US")
    assert english.plural("count.files", 1) == "1 file"
    assert english.plural("count.files", 2) == "2 files"
    assert i18n.catalogue("ja_JP").plural("count.files", 1) == "1 件のファイル"


def test_unknown_locale() -> None:
    with pytest.raises(i18n.UsageError, match="unknown locale 'de_XX'"):
        i18n.catalogue("de_XX")
