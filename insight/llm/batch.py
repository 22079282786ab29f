"""The Batch API path: the calls of a run as one batch, at half the price, replies by call.

The batch id is cached under the set of calls, so a run started again while a batch is still
running (or after it finished) picks that batch up instead of paying twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from insight.errors import ModelError
from insight.llm.cache import ReplyCache, cache_key
from insight.llm.client import ModelClient, Reply
from insight.models import Progress

if TYPE_CHECKING:
    from insight.llm.calls import Call


def replies_in_batch(
    client: ModelClient,
    cache: ReplyCache,
    calls: Sequence[Call],
    poll: float,
    progress: Progress,
) -> list[tuple[Call, Reply]]:
    """Send the calls as one batch (or find the batch already sent), wait for it, and return
    the replies it has, each with its call; the caller checks and keeps them."""
    batch_key = cache_key("batch", sorted(call.key for call in calls))
    batch_id = cache.batch(batch_key)
    if batch_id is None:
        requests = {
            call.key: client.request(
                call.model, call.messages, call.schema, call.max_tokens, call.purpose
            )
            for call in calls
        }
        batch_id = client.submit_batch(requests, f"insight: {len(calls)} {calls[0].purpose} calls")
        cache.remember_batch(batch_key, batch_id)
    while True:
        status, output, done, total = client.batch_status(batch_id)
        progress(f"batch {batch_id}: {status}, {done}/{total}")
        if status == "completed" and output:
            break
        if status in ("failed", "expired", "cancelled"):
            raise ModelError(f"batch {batch_id} {status}; run again without --batch to finish")
        time.sleep(poll)
    by_key = {call.key: call for call in calls}
    replies = []
    for line in client.file_text(output).splitlines():
        entry = json.loads(line) if line.strip() else {}
        call = by_key.get(entry.get("custom_id", ""))
        body = (entry.get("response") or {}).get("body") or {}
        if call is None or not body.get("choices"):
            continue
        choice, usage = body["choices"][0], body.get("usage") or {}
        reply = Reply(
            content=choice["message"].get("content") or "",
            finish_reason=choice.get("finish_reason") or "stop",
            tokens_in=usage.get("prompt_tokens", 0),
            tokens_out=usage.get("completion_tokens", 0),
            retries=0,
            seconds=0.0,
        )
        replies.append((call, reply))
    return replies
