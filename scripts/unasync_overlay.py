"""Write overlay/trigger_client/_sync from overlay/trigger_client/_async (the sync twin), with unasync.

Usage: python scripts/unasync_overlay.py [OUTPUT_ROOT]
OUTPUT_ROOT defaults to overlay/trigger_client; the twin goes to OUTPUT_ROOT/_sync.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import sys

import unasync

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "overlay" / "trigger_client" / "_async"

REPLACEMENTS = {
    "AsyncTriggerClient": "TriggerClient",
    "AsyncPipelineTransport": "PipelineTransport",
    "AsyncTasks": "Tasks",
    "AsyncRuns": "Runs",
    "AsyncBatches": "Batches",
    "AsyncCursorPager": "CursorPager",
    "AsyncPageFetcher": "PageFetcher",
    "AsyncOffsetPager": "OffsetPager",
    "AsyncOffsetPageFetcher": "OffsetPageFetcher",
    "AsyncSchedules": "Schedules",
    "AsyncEnvVars": "EnvVars",
    "AsyncQueues": "Queues",
    "AsyncConcurrencyLimits": "ConcurrencyLimits",
    "AsyncDeployments": "Deployments",
    "AsyncBulkActions": "BulkActions",
    "AsyncWaitpoints": "Waitpoints",
    "AsyncPackets": "Packets",
    "AsyncAuth": "Auth",
    "AsyncIdempotencyKeys": "IdempotencyKeys",
    "async_poll_until": "poll_until",
    "AsyncPollFetch": "PollFetch",
    "_AsyncCreateBatch": "_CreateBatch",
    "AsyncShapeSubscription": "ShapeSubscription",
    "AsyncBackground": "Background",
    "AsyncRunStream": "RunStream",
    "AsyncRunLogStream": "RunLogStream",
    "_AsyncFeed": "_Feed",
    "aiter_sse": "iter_sse",
    "async_close_abandoned": "close_abandoned",
    "AsyncClient": "Client",
    "AsyncBaseTransport": "BaseTransport",
    "handle_async_request": "handle_request",
    "asyncio_detailed": "sync_detailed",
    "set_async_httpx_client": "set_httpx_client",
    "default_async_transport": "default_transport",
    "async_sleep": "sleep",
    "async_notify": "notify",
    "async_resolve": "resolve",
    "async_send_cancellable": "send_cancellable",
    "async_call_blocking": "call_blocking",
    "AsyncClientTransport": "ClientTransport",
    "AsyncRawResponseClient": "RawResponseClient",
    "_AsyncRawResource": "_RawResource",
    "AsyncStore": "Store",
    "AsyncMemoryStore": "MemoryStore",
    "AsyncRedisStore": "RedisStore",
    "AsyncStoreNamespace": "StoreNamespace",
    "AsyncCache": "Cache",
    "AsyncContextMetadata": "ContextMetadata",
    "AsyncAITools": "AITools",
    "AsyncAITool": "AITool",
    "AsyncAnnotations": "Annotations",
    "AsyncAnnotatedPager": "AnnotatedPager",
    "AsyncPageTransform": "PageTransform",
    "async_open_store": "open_store",
    "async_recall_finished_run": "recall_finished_run",
    "async_remember_finished_run": "remember_finished_run",
    "async_redis_from_url": "redis_from_url",
    "aread": "read",
    "aclose": "close",
}

NAMES = re.compile(r"\b(" + "|".join(sorted(REPLACEMENTS, key=len, reverse=True)) + r")\b")

HEADER = '"""GENERATED from ../_async by scripts/generate (unasync): do not edit.'


def main() -> None:
    out_root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "overlay" / "trigger_client"
    target = out_root / "_sync"
    if target.exists():
        shutil.rmtree(target)
    source = out_root / "_async"
    if source.resolve() != SOURCE.resolve():
        shutil.copytree(SOURCE, source, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    files = sorted(str(p) for p in source.rglob("*.py"))
    rule = unasync.Rule(fromdir="/_async/", todir="/_sync/", additional_replacements=REPLACEMENTS)
    unasync.unasync_files(files, [rule])
    for path in sorted(target.rglob("*.py")):
        text = path.read_text()
        # unasync renames code tokens only; names inside docstrings and comments are renamed here.
        text = NAMES.sub(lambda match: REPLACEMENTS[match.group(0)], text)
        # ``aclose = close`` (the async client's alias) becomes a no-op ``close = close``: drop it.
        text = re.sub(r"\n[ ]+close = close\n", "\n", text)
        # Every module of _async starts with a docstring: the header becomes its first paragraph.
        path.write_text(HEADER + "\n\n" + text.removeprefix('"""'))
    ruff = ["ruff", "format", "--isolated", "--no-cache", "--line-length", "110", "--quiet", str(target)]
    subprocess.run(ruff, check=True)


if __name__ == "__main__":
    main()
