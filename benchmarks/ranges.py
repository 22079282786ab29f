"""The real ranges the speed benchmarks and the output check run on, named once.

The mirrors are bare clones under ``/work/.mirror/OWNER+NAME/repo`` (``INSIGHT_MIRRORS``
overrides the folder); a case whose mirror is absent is skipped by whoever runs it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

MIRRORS = Path(os.environ.get("INSIGHT_MIRRORS", "/work/.mirror"))


class Case(NamedTuple):
    name: str
    mirror: str
    spec: str
    files: int
    """Changed files at git's rename limit of 50,000, as counted when the case was chosen."""
    kind: str = "range"


CASES = (
    Case("powershell-1373", "MicrosoftDocs+PowerShell-Docs", "9887d5a1ac...27138b21b4", 1_373),
    Case("powershell-3085", "MicrosoftDocs+PowerShell-Docs", "45dcffaa6f...27138b21b4", 3_085),
    Case("powershell-4133", "MicrosoftDocs+PowerShell-Docs", "0d6c302305...27138b21b4", 3_251),
    Case("azure-ps-8781", "MicrosoftDocs+azure-docs-powershell", "105c982c6d...94a1a08364", 8_781),
    Case(
        "azure-ps-26083", "MicrosoftDocs+azure-docs-powershell", "4b16eff44c...94a1a08364", 26_083
    ),
    Case(
        "powershell-90-days",
        "MicrosoftDocs+PowerShell-Docs",
        "258b1caf8f...27138b21b4",
        923,
        kind="backfill",
    ),
)
"""``powershell-4133`` is the issue's range (4,133 paths without rename detection, 3,251
files with it); ``powershell-90-days`` spans 2026-05-21 to 2026-08-20."""


def cases(kind: str = "range") -> list[Case]:
    return [case for case in CASES if case.kind == kind]


def mirror(name: str) -> Path | None:
    """The bare repository of a mirror, or None when it is not on this machine."""
    path = MIRRORS / name / "repo"
    return path if (path / "HEAD").is_file() else None
