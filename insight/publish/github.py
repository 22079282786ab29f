"""GitHub's REST API, as far as insight talks to it: one comment per pull request, kept
up to date, and the files a job on GitHub Actions writes for later steps and people.

The API is the one at ``GITHUB_API_URL`` (GitHub Enterprise sets it; default
``https://api.github.com``), the repository ``GITHUB_REPOSITORY``, the token ``GITHUB_TOKEN``.
The token goes into the ``Authorization`` header of each request and nowhere else: not into
a message, a log line or a file; a redirect to another host does not take it along.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from insight.errors import InsightError, UsageError

DEFAULT_API_URL = "https://api.github.com"
TIMEOUT = 30.0
PAGE_SIZE = 100
MAX_PAGES = 50
"""Comments read at most (x ``PAGE_SIZE``) when looking for ours."""
COMMENT_LIMIT = 65_536
"""GitHub refuses a comment body longer than this many characters."""
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_NEXT_LINK = re.compile(r'<([^>]+)>;\s*rel="next"')


class GitHubError(InsightError):
    """The API refused or failed a request (exit 1); the message names the request."""


@dataclass(frozen=True)
class GitHub:
    api_url: str
    repository: str
    """``OWNER/NAME``."""
    token: str = field(repr=False)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> GitHub:
        api_url = (environ.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")
        if urlsplit(api_url).scheme not in ("http", "https") or not urlsplit(api_url).netloc:
            raise UsageError(f"GITHUB_API_URL {api_url!r} is not an http(s) address")
        repository = environ.get("GITHUB_REPOSITORY", "")
        if not _REPOSITORY.match(repository):
            raise UsageError(
                "GITHUB_REPOSITORY must name the repository as OWNER/NAME "
                f"(it is {repository!r}); GitHub Actions sets it"
            )
        token = environ.get("GITHUB_TOKEN", "")
        if not token:
            raise UsageError(
                "GITHUB_TOKEN is not set: give the job's token (secrets.GITHUB_TOKEN) with "
                "pull-requests: write"
            )
        return cls(api_url, repository, token)

    def upsert_comment(self, number: int, marker: str, body: str) -> tuple[str, bool]:
        """Post ``body`` on issue or pull request ``number``, or replace the comment that
        holds ``marker``; returns the comment's address and whether it was created."""
        if len(body) > COMMENT_LIMIT:
            raise GitHubError(
                f"the comment is {len(body):,} characters, more than GitHub's {COMMENT_LIMIT:,}"
            )
        existing = self._find_comment(number, marker)
        if existing is None:
            created = self._request(
                "POST", f"/repos/{self.repository}/issues/{number}/comments", {"body": body}
            )[0]
            return str(created.get("html_url", "")), True
        updated = self._request(
            "PATCH", f"/repos/{self.repository}/issues/comments/{existing}", {"body": body}
        )[0]
        return str(updated.get("html_url", "")), False

    def _find_comment(self, number: int, marker: str) -> int | None:
        """The id of the first comment that holds ``marker``, reading page after page."""
        path: str | None = f"/repos/{self.repository}/issues/{number}/comments?per_page={PAGE_SIZE}"
        for _ in range(MAX_PAGES):
            if path is None:
                return None
            comments, headers = self._request("GET", path)
            if not isinstance(comments, list):
                raise GitHubError(f"GET {path}: the reply is not a list of comments")
            for comment in comments:
                if isinstance(comment, dict) and marker in str(comment.get("body") or ""):
                    return int(comment["id"])
            path = _next_page(headers.get("Link", ""), self.api_url)
        return None

    def _request(
        self, method: str, path: str, payload: dict[str, Any] | None = None
    ) -> tuple[Any, Mapping[str, str]]:
        where = f"{method} {path.split('?', 1)[0]}"
        request = urllib.request.Request(
            self.api_url + path,
            data=json.dumps(payload).encode("utf-8") if payload is not None else None,
            method=method,
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "insight-docs",
                **({"Content-Type": "application/json"} if payload is not None else {}),
            },
        )
        try:
            with _opener().open(request, timeout=TIMEOUT) as response:
                text = response.read().decode("utf-8", "replace")
                headers = dict(response.headers.items())
        except urllib.error.HTTPError as error:
            raise GitHubError(f"GitHub API: {where}: {_refusal(error)}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise GitHubError(f"GitHub API: {where}: cannot connect ({reason})") from None
        try:
            return (json.loads(text) if text else {}), headers
        except json.JSONDecodeError:
            raise GitHubError(f"GitHub API: {where}: the reply is not JSON") from None


def _refusal(error: urllib.error.HTTPError) -> str:
    """``403 Forbidden: Resource not accessible by integration``: the status and GitHub's
    own message, on one line."""
    detail = ""
    try:
        body = json.loads(error.read().decode("utf-8", "replace"))
        detail = str(body.get("message", "")) if isinstance(body, dict) else ""
    except (ValueError, OSError):
        pass
    line = f"{error.code} {error.reason}" + (f": {detail}" if detail else "")
    return " ".join(line.split())[:300]


def _next_page(link: str, api_url: str) -> str | None:
    """The path of the next page from a ``Link`` header, when it is on the same API."""
    found = _NEXT_LINK.search(link)
    if not found or not found.group(1).startswith(api_url + "/"):
        return None
    return found.group(1)[len(api_url) :]


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only on the same scheme and host: the token never goes elsewhere."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        old, new = urlsplit(req.full_url), urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            raise urllib.error.HTTPError(
                req.full_url, code, "redirected to another host", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_SameHostRedirects())
