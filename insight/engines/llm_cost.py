"""What a run of the model engine would cost before it runs: calls, tokens, time at the limit.

Input tokens of per-file calls come from the real prompts; replies, and the calls that depend
on replies (translations, overviews), are estimated from the prompts' sizes. The time at the
limit comes from the account's ``tokens_per_minute`` or the limits an earlier run's replies
stated, which the engine keeps in the reply cache under :func:`limits_key`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from insight.engines.llm_calls import marked
from insight.llm import prompts
from insight.llm.cache import ReplyCache, cache_key
from insight.llm.calls import Call
from insight.llm.client import ModelClient, estimate_tokens
from insight.models import MINOR, CallEstimate, FileChange


def estimate_calls(
    file_calls: Sequence[Call],
    translations: int,
    changes: Sequence[FileChange],
    locales: Sequence[str],
    reports: int,
    models: tuple[str, str],
) -> list[CallEstimate]:
    """The calls of a run by model (``models``: the files' and the overviews'), and their
    tokens: ``file_calls`` still to make, ``translations`` of cached verdicts, ``reports``
    overviews and summaries."""
    model, overview_model = models
    localize = prompts.load("localize")
    text_tokens = localize.max_tokens // 3
    sample = estimate_tokens(_content(localize.messages(**marked(_sample_localize()))))
    prompt_tokens = sum(estimate_tokens(_content(call.messages)) for call in file_calls)
    prompt_tokens += translations * (sample + text_tokens)
    per_file = CallEstimate(
        model,
        len(file_calls) + translations,
        prompt_tokens,
        len(file_calls) * text_tokens * len(locales) + translations * text_tokens,
        rated_tokens=prompt_tokens
        + sum(call.max_tokens for call in file_calls)
        + translations * localize.max_tokens,
    )
    # Overviews read the files' texts: with every file reply cached, they are cached too.
    overviews = 2 * reports if (per_file.calls and reports) else 0
    overview_max = prompts.load("overview").max_tokens
    prompt_tokens = (
        overviews
        // 2
        * (sum(estimate_tokens(c.path) + 80 for c in changes) // max(reports, 1) + 900)
    )
    per_report = CallEstimate(
        overview_model,
        overviews,
        prompt_tokens,
        overviews * overview_max // 3,
        rated_tokens=prompt_tokens
        + overviews // 2 * (overview_max + prompts.load("summary").max_tokens),
    )
    by_model: dict[str, CallEstimate] = {}
    for estimate in (per_file, per_report):
        if estimate.calls:
            known = by_model.get(estimate.model, CallEstimate(estimate.model, 0, 0, 0))
            by_model[estimate.model] = CallEstimate(
                estimate.model,
                known.calls + estimate.calls,
                known.tokens_in + estimate.tokens_in,
                known.tokens_out + estimate.tokens_out,
                known.rated_tokens + estimate.rated_tokens,
            )
    return list(by_model.values())


def with_time_at_limit(
    estimates: Sequence[CallEstimate],
    cache: ReplyCache,
    client: ModelClient | None,
    tokens_per_minute: int | None,
) -> list[CallEstimate]:
    """Each estimate with the seconds its calls take at the model's limits:
    ``tokens_per_minute``, else the limits an earlier run's replies stated; None when
    neither is known."""
    timed = []
    for estimate in estimates:
        known = cache.limits(limits_key(client, estimate.model)) or {}
        per_minute = {
            "tokens_per_minute": tokens_per_minute or known.get("tokens_per_minute"),
            "requests_per_minute": known.get("requests_per_minute"),
        }
        needed = {"tokens_per_minute": estimate.rated_tokens, "requests_per_minute": estimate.calls}
        minutes = [needed[name] / rate for name, rate in per_minute.items() if rate]
        timed.append(replace(estimate, seconds=60 * max(minutes) if minutes else None))
    return timed


def limits_key(client: ModelClient | None, model: str) -> str:
    """Where the limits a model's replies stated are kept: by endpoint and model."""
    where = client.endpoint.describe() if client is not None else ""
    return cache_key("limits", where, model)


def _content(messages: Sequence[dict[str, str]]) -> str:
    return "\n".join(message["content"] for message in messages)


def _sample_localize() -> dict[str, str]:
    return {
        "path": "articles/example/page.md",
        "type": MINOR,
        "locale": "zh_CN",
        "language": "简体中文",
        "source_locale": "en_US",
        "title": "A title of about ten words for one changed documentation page",
        "explanation": " ".join(
            ["An explanation sentence of fifteen words or so about the change."] * 3
        ),
    }
