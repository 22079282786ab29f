"""How far reading a range goes when the settings say nothing: the defaults of the settings
that bound git's work. Apart from the modules that run git, so that the settings (and every
command's start) do not load GitPython."""

from __future__ import annotations

DEFAULT_RENAME_LIMIT = 5_000
"""git's ``-l``: renames with edits are looked for when the added files times the removed ones
(after the identical ones are paired) are at most its square; beyond, only identical content
pairs up. 5,000 covers every range benchmarked (the largest needed 3,889) in seconds; 50,000
let one reorganisation of 27,000 files spend 10 s of CPU in git's exhaustive pass."""
DEFAULT_PATCH_LIMIT = 100 * 1024
DEFAULT_GIT_TIMEOUT = 120.0
"""Seconds a clone or fetch may go without a word from the remote."""
