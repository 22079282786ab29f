"""The prompts in ``prompts/``: TOML files with a version, a system part and a user part.

The parts are jinja2 templates rendered with ``StrictUndefined``: a value the template
needs and nobody gave is an error, not an empty string. ``Prompt.key`` (name, version and a
hash of the text) goes into every cache key, so an edited prompt never reuses old replies.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from insight.resources import resource_dir, template_environment

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_ENVIRONMENT = template_environment(keep_trailing_newline=False)


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    max_tokens: int
    system: jinja2.Template
    user: jinja2.Template
    digest: str

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}#{self.digest}"

    def messages(self, **values: Any) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.system.render(**values).strip()},
            {"role": "user", "content": self.user.render(**values).strip()},
        ]


@cache
def load(name: str) -> Prompt:
    path = resource_dir("prompts") / f"{name}.toml"
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    return Prompt(
        name=name,
        version=str(data["version"]),
        max_tokens=int(data["max_tokens"]),
        system=_ENVIRONMENT.from_string(data["system"]),
        user=_ENVIRONMENT.from_string(data["user"]),
        digest=hashlib.sha256(raw).hexdigest()[:12],
    )
