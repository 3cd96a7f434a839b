"""The run lifecycle: registered task handlers, a scheduler thread and a pool of worker threads.

A run moves ``DELAYED`` → (at ``delayUntil``) ``PENDING`` (QUEUED) → ``DEQUEUED`` → ``EXECUTING`` →
``COMPLETED_SUCCESSFULLY``; a handler that raises moves it to ``RETRYING_AFTER_FAILURE`` and, after
``retry_delay_s``, to another attempt, until its attempts are used up (``COMPLETED_WITH_ERRORS``). A run
queued longer than its TTL becomes ``EXPIRED``; an attempt running longer than ``maxDuration`` seconds
becomes ``TIMED_OUT`` (the handler's later result is ignored). Runs of tasks with no handler wait in
``PENDING_VERSION`` until one is registered. All times are the emulator's virtual clock.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import hashlib
import inspect
import json
import queue
import secrets
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, Protocol

from . import _packets as packets
from . import _statuses as st
from ._clock import VirtualClock
from ._store import RunRecord, Store

DEFAULT_MAX_ATTEMPTS = 3
MAX_DURATION_ERROR = {"message": "trigger.dev internal error (MAX_DURATION_EXCEEDED)"}

TaskHandler = Callable[..., Any]
"""A task: ``fn(payload)`` or ``fn(payload, ctx)``, plain or ``async``; its return value is the output."""


class _LiveMetadata(dict[str, Any]):
    """A dict that saves itself to the run after every top-level change."""

    def __init__(self, initial: dict[str, Any], save: Callable[[dict[str, Any]], None]) -> None:
        super().__init__(initial)
        self._save = save

    def _changed(self) -> None:
        self._save(dict(self))

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._changed()

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._changed()

    def update(self, *args: Any, **kwargs: Any) -> None:
        super().update(*args, **kwargs)
        self._changed()

    def pop(self, key: str, *default: Any) -> Any:
        value = super().pop(key, *default)
        self._changed()
        return value

    def popitem(self) -> tuple[str, Any]:
        item = super().popitem()
        self._changed()
        return item

    def setdefault(self, key: str, default: Any = None) -> Any:
        value = super().setdefault(key, default)
        self._changed()
        return value

    def clear(self) -> None:
        super().clear()
        self._changed()

    def __ior__(self, other: Any) -> _LiveMetadata:  # type: ignore[override,misc]
        super().update(other)
        self._changed()
        return self


INPUT_STREAM_PREFIX = "$trigger.input:"
LOG_LEVELS = ("TRACE", "DEBUG", "LOG", "INFO", "WARN", "ERROR")


class RunStreamWriter:
    """Writes to one output stream of a run (``ctx.stream("key")``); readers get each value as a record of
    ``GET /realtime/v1/streams/{runId}/{key}``."""

    def __init__(self, append: Callable[[Any], int], key: str) -> None:
        self._append = append
        self.key = key

    def append(self, value: Any) -> int:
        """Append a JSON value; return its sequence number (from 0).

        Raises:
            RuntimeError: the run has finished (the server refuses appends to finished runs).
            TypeError, ValueError: ``value`` is not JSON.
        """
        return self._append(value)

    write = append

    def extend(self, values: Any) -> None:
        """Append every value of an iterable, in order (``streams.pipe`` in the SDK)."""
        for value in values:
            self._append(value)

    def __repr__(self) -> str:
        return f"RunStreamWriter(key={self.key!r})"


class InputStreamReader:
    """Reads the values sent to one input stream of the run (``ctx.input_stream("id")``), each once."""

    def __init__(self, read: Callable[[int], list[tuple[int, Any]]], wait: Callable[[float], bool]) -> None:
        self._read = read
        self._wait = wait
        self._seen = -1

    def poll(self) -> list[Any]:
        """The values sent since the last read (none: an empty list); never blocks."""
        records = self._read(self._seen)
        if records:
            self._seen = records[-1][0]
        return [value for _seq, value in records]

    def wait(self, timeout_s: float | None = None) -> Any:
        """The next value sent, waiting for it (``.wait()`` of an input stream in the SDK).

        Raises:
            TimeoutError: nothing was sent within ``timeout_s`` seconds (None: wait until the run is
                cancelled or the emulator stops).
        """
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            records = self._read(self._seen)
            if records:
                self._seen = records[0][0]
                return records[0][1]
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise TimeoutError("nothing was sent to the input stream in time")
            if not self._wait(0.5 if remaining is None else min(remaining, 0.5)):
                raise TimeoutError("the run ended while waiting for input")


@dataclasses.dataclass(frozen=True)
class TokenWaitResult:
    """What ``ctx.wait_for_token`` returns (``wait.forToken`` in the SDK).

    Attributes:
        ok: True when the token was completed, False when it timed out.
        output: The data it was completed with (decoded), when ``ok``.
        error: The timeout error (``{"code": "TRIGGER_WAITPOINT_TIMEOUT", "message": …}``), when not ``ok``.
    """

    ok: bool
    output: Any = None
    error: Any = None


@dataclasses.dataclass
class _RunIO:
    """A running attempt's access to its run's streams and logs."""

    engine: Engine
    run_id: str
    attempt: int
    root_span_id: str

    def stream(self, key: str) -> RunStreamWriter:
        return RunStreamWriter(lambda value: self.engine.append_stream(self.run_id, key, value), key)

    def input_stream(self, stream_id: str) -> InputStreamReader:
        store, run_id = self.engine._store, self.run_id

        def read(after: int) -> list[tuple[int, Any]]:
            records = store.stream_records(run_id, INPUT_STREAM_PREFIX + stream_id, after)
            return [(record.seq_num, json.loads(json.loads(record.data))) for record in records]

        def wait(seconds: float) -> bool:
            version = store.changes.version
            store.changes.wait(version, seconds)
            status = store.status_of(run_id)
            return status is not None and not st.is_final(status) and not self.engine.stopping

        return InputStreamReader(read, wait)

    def log(self, message: str, level: str, properties: dict[str, Any]) -> None:
        self.engine.log(self.run_id, message, level, properties, self.attempt, self.root_span_id)

    def wait_for_token(self, token_id: str, timeout_s: float | None) -> TokenWaitResult:
        engine, store, run_id = self.engine, self.engine._store, self.run_id
        read = engine.waitpoint_reader
        state = None if read is None else read(token_id)
        if read is None or state is None:
            raise KeyError(f"no waitpoint token {token_id!r}")
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        engine.set_waiting(run_id, self.attempt, waiting=True)
        try:
            while state is not None and state[0] == "WAITING":
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise TimeoutError(f"waitpoint token {token_id} was not completed in time")
                version = store.changes.version
                store.changes.wait(version, 0.5 if remaining is None else min(remaining, 0.5))
                if store.status_of(run_id) != st.WAITING_TO_RESUME or engine.stopping:
                    raise TimeoutError("the run ended while waiting for the token")
                state = read(token_id)
        finally:
            engine.set_waiting(run_id, self.attempt, waiting=False)
        status, value = state or ("COMPLETED", None)
        return TokenWaitResult(True, value) if status == "COMPLETED" else TokenWaitResult(False, error=value)


class TaskContext:
    """What a two-argument task handler receives as ``ctx``.

    Attributes:
        run_id: the run id (``run_…``).
        task_id: the task identifier.
        attempt: the attempt number, 1-based.
        tags: the run's tags.
        metadata: the run's metadata as a dict; top-level changes are saved to the run at once, and the
            whole dict is saved again when the attempt ends.
    """

    def __init__(
        self,
        *,
        run_id: str,
        task_id: str,
        attempt: int,
        tags: list[str],
        metadata: dict[str, Any],
        is_cancelled: Callable[[], bool],
        save_metadata: Callable[[dict[str, Any]], None] | None = None,
        io: _RunIO | None = None,
    ) -> None:
        """Build a context (the engine does this; tests of handlers may build one directly).

        Args:
            run_id: the run id.
            task_id: the task identifier.
            attempt: the attempt number, 1-based.
            tags: the run's tags.
            metadata: the run's metadata.
            is_cancelled: returns whether the run has been cancelled.
            save_metadata: called with the whole metadata dict after each change (None: not saved).
            io: the run's streams and logs (the engine gives it; without it they are unavailable).
        """
        self.run_id = run_id
        self.task_id = task_id
        self.attempt = attempt
        self.tags = list(tags)
        self.metadata: dict[str, Any] = _LiveMetadata(metadata, save_metadata or (lambda _value: None))
        self._is_cancelled = is_cancelled
        self._io = io

    def _run_io(self) -> _RunIO:
        if self._io is None:
            raise RuntimeError("this context is not attached to a run of the emulator")
        return self._io

    def stream(self, key: str = "default") -> RunStreamWriter:
        """The run's output stream ``key`` (``streams.pipe``/``append`` in the SDK): values appended to
        it reach ``GET /realtime/v1/streams/{runId}/{key}`` readers, and the key joins the run's
        ``realtimeStreams``."""
        if not key or not isinstance(key, str):
            raise ValueError("a stream key must be a non-empty string")
        return self._run_io().stream(key)

    def input_stream(self, stream_id: str) -> InputStreamReader:
        """The run's input stream ``stream_id``: what clients send with
        ``POST /realtime/v1/streams/{runId}/input/{streamId}``, each value read once."""
        if not stream_id or not isinstance(stream_id, str):
            raise ValueError("an input stream id must be a non-empty string")
        return self._run_io().input_stream(stream_id)

    def log(self, message: str, *, level: str = "INFO", **properties: Any) -> None:
        """Record a log line of the run (``logger.info`` and friends in the SDK), listed by
        ``GET /api/v1/runs/{runId}/events``.

        Args:
            message: the text.
            level: TRACE, DEBUG, LOG, INFO, WARN or ERROR.
            **properties: JSON attributes kept with the line.
        """
        if level not in LOG_LEVELS:
            raise ValueError(f"level must be one of {', '.join(LOG_LEVELS)}, got {level!r}")
        self._run_io().log(str(message), level, properties)

    def wait_for_token(self, token_id: str, *, timeout_s: float | None = None) -> TokenWaitResult:
        """Wait until a waitpoint token is completed or times out (``wait.forToken`` in the SDK); the run
        is ``WAITING`` meanwhile (its time still counts towards ``maxDuration``).

        Args:
            token_id: The token (``waitpoint_…``), made with ``POST /api/v1/waitpoints/tokens``.
            timeout_s: The longest wait in real seconds (None: until the token is completed or times out
                on the emulator's clock).

        Returns:
            A :class:`TokenWaitResult`: ``ok`` and ``output``, or ``error`` for a timed-out token.

        Raises:
            KeyError: no such token. TimeoutError: ``timeout_s`` passed, or the run was cancelled.
        """
        return self._run_io().wait_for_token(token_id, timeout_s)

    @property
    def is_cancelled(self) -> bool:
        """True once the run was cancelled (check it in long handlers and stop early)."""
        return self._is_cancelled()

    def __repr__(self) -> str:
        return f"TaskContext(run_id={self.run_id!r}, task_id={self.task_id!r}, attempt={self.attempt})"


@dataclasses.dataclass(frozen=True)
class TaskDefinition:
    """A registered task handler."""

    task_id: str
    handler: TaskHandler
    max_attempts: int
    wants_context: bool
    scheduled: bool = False
    """Declared as a scheduled task (``schedules.task()`` in the SDK): schedules may trigger it."""


def _wants_context(handler: TaskHandler) -> bool:
    try:
        signature = inspect.signature(handler)
    except (TypeError, ValueError):
        return False
    positional = 0
    for parameter in signature.parameters.values():
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            return True
        if parameter.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
            positional += 1
    return positional >= 2


def _error_from_exception(exc: BaseException) -> dict[str, Any]:
    return {
        "name": type(exc).__name__,
        "message": str(exc),
        "stackTrace": "".join(traceback.format_exception(exc)).rstrip(),
    }


class Admission(Protocol):
    """Which queued runs one scheduler pass may start (see :meth:`Engine.add_dispatch_gate`)."""

    def allows(self, run: RunRecord) -> bool:
        """Whether ``run`` may start now."""

    def take(self, run: RunRecord) -> None:
        """Count ``run`` as started (it was allowed by every gate)."""


class PacketTransfer(Protocol):
    """The object store as a worker uses it (``_object_store.ObjectStore``)."""

    def read_packet(self, storage_path: str) -> tuple[str, str] | None:
        """A stored packet's text and data type, or None."""
        ...

    def write_packet(self, storage_path: str, text: str, data_type: str) -> str:
        """Store a packet; return its storage path."""
        ...


OUTPUT_OFFLOAD_BYTES = 128 * 1024
"""Outputs of this size or more are exported to the object store, as the TypeScript worker does."""


class Engine:
    """Moves runs through their lifecycle with one scheduler thread and ``workers`` worker threads."""

    def __init__(
        self,
        store: Store,
        clock: VirtualClock,
        *,
        workers: int = 8,
        queue_delay_s: float = 0.05,
        retry_delay_s: float = 0.1,
    ) -> None:
        """Create the engine (threads start with :meth:`start`).

        Args:
            store: the emulator's state.
            clock: the virtual clock.
            workers: how many handlers may run at once.
            queue_delay_s: seconds a run stays QUEUED before a worker takes it.
            retry_delay_s: seconds between a failed attempt and the next.

        Raises:
            ValueError: for fewer than one worker or negative delays.
        """
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if queue_delay_s < 0 or retry_delay_s < 0:
            raise ValueError("queue_delay_s and retry_delay_s must not be negative")
        self._store = store
        self._clock = clock
        self._workers = workers
        self.queue_delay_s = queue_delay_s
        self.retry_delay_s = retry_delay_s
        self._tasks: dict[str, TaskDefinition] = {}
        self._tasks_lock = threading.Lock()
        self._cond = threading.Condition()
        self._woken = False
        self._stopping = False
        self._busy = 0
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._tick_hooks: list[Callable[[], int | None]] = []
        self._gates: list[Callable[[], Admission | None]] = []
        self.waitpoint_reader: Callable[[str], tuple[str, Any] | None] | None = None
        """Reads a waitpoint token's ``(status, output)`` for ``ctx.wait_for_token`` (set by the emulator)."""
        self.packets: PacketTransfer | None = None
        """The object store, from which a worker imports ``application/store`` payloads and to which it
        exports outputs of 128 KiB or more (set by the emulator)."""
        today = datetime.datetime.fromtimestamp(clock.now_ms() / 1000, tz=datetime.UTC)
        self.worker_version = f"{today:%Y%m%d}.1"

    # Tasks

    def register(
        self,
        task_id: str,
        handler: TaskHandler,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        *,
        scheduled: bool = False,
    ) -> None:
        """Register (or replace) the handler of a task; its waiting runs become QUEUED.

        Args:
            task_id: the task identifier.
            handler: ``fn(payload)`` or ``fn(payload, ctx)``, plain or ``async``.
            max_attempts: attempts in all when the run does not set ``maxAttempts``.
            scheduled: whether it is a scheduled task (schedules may be attached to it).

        Raises:
            ValueError: for an empty task id or ``max_attempts`` below 1.
            TypeError: if ``handler`` is not callable.
        """
        if not task_id:
            raise ValueError("task_id must not be empty")
        if not callable(handler):
            raise TypeError(f"the handler of {task_id!r} is not callable")
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        definition = TaskDefinition(
            task_id, handler, max_attempts, _wants_context(handler), scheduled=bool(scheduled)
        )
        with self._tasks_lock:
            self._tasks[task_id] = definition
        self.wake()

    def task(self, task_id: str) -> TaskDefinition | None:
        """The registered handler of a task, or None."""
        with self._tasks_lock:
            return self._tasks.get(task_id)

    def task_ids(self) -> list[str]:
        """The identifiers of the registered tasks, sorted."""
        with self._tasks_lock:
            return sorted(self._tasks)

    def clear_tasks(self) -> None:
        """Forget every registered task."""
        with self._tasks_lock:
            self._tasks.clear()

    # Threads

    def start(self) -> None:
        """Start the scheduler and worker threads (daemon threads; idempotent)."""
        if self._threads:
            return
        self._stopping = False
        self._store.requeue_dequeued(self._clock.now_ms())
        self._threads.append(
            threading.Thread(target=self._schedule_forever, name="trigger-emulator-scheduler", daemon=True)
        )
        for number in range(self._workers):
            self._threads.append(
                threading.Thread(
                    target=self._work_forever, name=f"trigger-emulator-worker-{number}", daemon=True
                )
            )
        for thread in self._threads:
            thread.start()

    def stop(self, timeout_s: float = 1.0) -> None:
        """Stop the threads. Handlers still running are abandoned (their threads are daemons).

        Args:
            timeout_s: how long to wait for the threads, in seconds.
        """
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        for _ in range(self._workers):
            self._queue.put(None)
        deadline = time.monotonic() + timeout_s
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads = []
        self._queue = queue.Queue()
        with self._cond:
            self._busy = 0

    def add_tick_hook(self, hook: Callable[[], int | None]) -> None:
        """Call ``hook`` on every scheduler pass, before runs are dispatched (for schedules).

        Args:
            hook: does its work and returns the virtual-clock instant (epoch ms) at which it next has
                something to do, or None.
        """
        self._tick_hooks.append(hook)

    def add_dispatch_gate(self, gate: Callable[[], Admission | None]) -> None:
        """Let ``gate`` hold back queued runs (paused queues, concurrency limits).

        Args:
            gate: called on every scheduler pass; returns an :class:`Admission` for that pass, or None
                when it holds nothing back.
        """
        self._gates.append(gate)

    def wake(self) -> None:
        """Ask the scheduler to look at the runs now (after a trigger, a cancel, a clock change, …)."""
        with self._cond:
            self._woken = True
            self._cond.notify_all()

    def wait_for_idle(self, timeout_s: float = 10.0) -> None:
        """Block until no run is queued, starting, executing, retrying or delayed past its start.

        Runs waiting for a task that has no handler (``PENDING_VERSION``) do not count.

        Args:
            timeout_s: the longest wait, in seconds.

        Raises:
            TimeoutError: if runs are still active after ``timeout_s``.
        """
        deadline = time.monotonic() + timeout_s
        self.wake()
        while True:
            active = self._active_count()
            if active == 0:
                return
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{active} run(s) still active after {timeout_s} s")
            time.sleep(0.005)

    def _active_count(self) -> int:
        return self._store.count_active(self._clock.now_ms(), self.task_ids())

    # Streams and logs

    @property
    def stopping(self) -> bool:
        """True while the engine is stopping (waiting handlers give up)."""
        return self._stopping

    def append_stream(self, run_id: str, key: str, value: Any) -> int:
        """Append a JSON value to a run's output stream; return its sequence number.

        Raises:
            KeyError: no such run.
            RuntimeError: the run has finished.
        """
        text = packets.to_json_text(value)
        status = self._store.status_of(run_id)
        if status is None:
            raise KeyError(f"no run {run_id!r}")
        if st.is_final(status):
            raise RuntimeError(f"run {run_id} has finished: its streams take no more records")
        part_id = secrets.token_urlsafe(15)
        return self._store.append_stream_record(run_id, key, text, part_id, self._clock.now_ms()).seq_num

    def set_waiting(self, run_id: str, attempt: int, *, waiting: bool) -> None:
        """Move a running attempt to WAITING (``WAITING_TO_RESUME``) or back to EXECUTING; a run that left
        that state meanwhile (cancelled, timed out) is left as it is."""
        before, after = (
            (st.EXECUTING, st.WAITING_TO_RESUME) if waiting else (st.WAITING_TO_RESUME, st.EXECUTING)
        )
        with self._store.transaction():
            run = self._store.get_run(run_id)
            if run is not None and run.status == before and run.attempt_count == attempt:
                self._store.update_run(run_id, status=after, updated_at=self._clock.now_ms())

    def input_values(self, run_id: str, stream_id: str) -> list[Any]:
        """Every value sent to a run's input stream, in order."""
        records = self._store.stream_records(run_id, INPUT_STREAM_PREFIX + stream_id)
        return [json.loads(json.loads(record.data)) for record in records]

    def log(
        self,
        run_id: str,
        message: str,
        level: str,
        properties: dict[str, Any],
        attempt: int | None,
        parent_span_id: str | None,
    ) -> None:
        """Record a log event of a run."""
        self._store.add_run_event(
            run_id,
            span_id=secrets.token_hex(8),
            parent_id=parent_span_id,
            message=message,
            level=level,
            start_ns=self._clock.now_ms() * 1_000_000,
            attempt=attempt,
            properties=properties or None,
        )

    # Scheduler

    def _schedule_forever(self) -> None:
        while True:
            with self._cond:
                if self._stopping:
                    return
            try:
                next_due = self._tick()
            except Exception:  # pragma: no cover - a bug must not kill the scheduler
                traceback.print_exc()
                next_due = None
            wait_s = 0.1
            if next_due is not None:
                wait_s = min(wait_s, max(0.001, (next_due - self._clock.now_ms()) / 1000))
            with self._cond:
                if not self._woken and not self._stopping:
                    self._cond.wait(wait_s)
                self._woken = False

    def _tick(self) -> int | None:
        hook_due: list[int] = []
        for hook in self._tick_hooks:
            try:
                due = hook()
            except Exception:  # pragma: no cover - a bug in a hook must not stop the runs
                traceback.print_exc()
                continue
            if due is not None:
                hook_due.append(due)
        store = self._store
        now = self._clock.now_ms()
        queue_delay_ms = round(self.queue_delay_s * 1000)
        dispatched: list[str] = []
        tasks = self.task_ids()
        with store.transaction():
            store.enqueue_due_delayed(now, tasks)
            store.enqueue_pending_version(now, tasks)
            store.expire_overdue(now)
            store.time_out_overdue(now, MAX_DURATION_ERROR)
            with self._cond:
                free = self._workers - self._busy
            for run in store.dispatchable_runs(now, queue_delay_ms, free, tasks, self._admission()):
                if run.status == st.PENDING:
                    store.update_run(
                        run.id,
                        status=st.DEQUEUED,
                        version=run.lock_to_version or self.worker_version,
                        updated_at=now,
                    )
                else:
                    store.update_run(run.id, retry_at=None)
                dispatched.append(run.id)
            with self._cond:
                self._busy += len(dispatched)
        for run_id in dispatched:
            self._queue.put(run_id)
        next_due = store.next_due_ms(queue_delay_ms)
        return min([*hook_due, next_due]) if next_due is not None else min(hook_due, default=None)

    def _admission(self) -> Callable[[RunRecord], bool] | None:
        """One pass's combined admission test (None when no gate holds anything back)."""
        admissions = [admission for gate in self._gates if (admission := gate()) is not None]
        if not admissions:
            return None

        def admit(run: RunRecord) -> bool:
            if run.status != st.PENDING:  # a retry continues a run that was admitted
                return True
            if not all(admission.allows(run) for admission in admissions):
                return False
            for admission in admissions:
                admission.take(run)
            return True

        return admit

    # Workers

    def _work_forever(self) -> None:
        while True:
            run_id = self._queue.get()
            if run_id is None:
                return
            try:
                self._execute(run_id)
            except Exception:  # pragma: no cover - a bug must not kill the worker
                traceback.print_exc()
            finally:
                with self._cond:
                    self._busy = max(0, self._busy - 1)
                self.wake()

    def _execute(self, run_id: str) -> None:
        store = self._store
        with store.transaction():
            run = store.get_run(run_id)
            if run is None or run.status not in (st.DEQUEUED, st.RETRYING_AFTER_FAILURE):
                return
            definition = self.task(run.task_identifier)
            if definition is None:
                store.update_run(run_id, status=st.PENDING_VERSION, updated_at=self._clock.now_ms())
                return
            attempt = run.attempt_count + 1
            now = self._clock.now_ms()
            store.update_run(
                run_id,
                status=st.EXECUTING,
                attempt_count=attempt,
                started_at=run.started_at or now,
                attempt_started_at=now,
                retry_at=None,
                updated_at=now,
            )
        root_span = root_span_id(run_id)
        if attempt == 1:
            store.add_run_event(
                run_id,
                span_id=root_span,
                parent_id=None,
                message=run.task_identifier,
                level="TRACE",
                start_ns=now * 1_000_000,
                is_partial=True,
                attempt=attempt,
            )
        metadata = packets.decode_packet(run.metadata, run.metadata_type)
        context = TaskContext(
            run_id=run_id,
            task_id=run.task_identifier,
            attempt=attempt,
            tags=run.tags,
            metadata=metadata if isinstance(metadata, dict) else {},
            is_cancelled=lambda: store.status_of(run_id) == st.CANCELED,
            save_metadata=lambda value: self._save_metadata(run_id, value),
            io=_RunIO(self, run_id, attempt, root_span),
        )
        started = time.perf_counter()
        output: str | None = None
        failure: dict[str, Any] | None = None
        try:
            payload = self._import_payload(run)
            args: tuple[Any, ...] = (None if payload is packets.MISSING else payload,)
            if definition.wants_context:
                args += (context,)
            result = definition.handler(*args)
            if inspect.isawaitable(result):
                result = asyncio.run(_await(result))
            output = None if result is None else packets.to_json_text(result)
        except BaseException as exc:
            failure = _error_from_exception(exc)
        output_type = packets.JSON
        if output is not None and self.packets is not None and len(output.encode()) >= OUTPUT_OFFLOAD_BYTES:
            output = self.packets.write_packet(f"{run_id}-{attempt}/output.json", output, packets.JSON)
            output_type = packets.STORE
        elapsed_ms = round((time.perf_counter() - started) * 1000)
        self._finish_attempt(run_id, attempt, definition, context, (output, output_type), failure, elapsed_ms)

    def _import_payload(self, run: RunRecord) -> Any:
        """The payload a handler gets: decoded, after downloading it when it is kept in the object store.

        Raises:
            RuntimeError: the stored packet does not exist (the attempt fails, as the worker's import does).
        """
        if run.payload_type != packets.STORE or run.payload is None or self.packets is None:
            return packets.decode_packet(run.payload, run.payload_type)
        found = self.packets.read_packet(run.payload)
        if found is None:
            raise RuntimeError(f"Failed to import packet {run.payload}: Not Found")
        return packets.decode_packet(*found)

    def _finish_attempt(
        self,
        run_id: str,
        attempt: int,
        definition: TaskDefinition,
        context: TaskContext,
        output_packet: tuple[str | None, str],
        failure: dict[str, Any] | None,
        elapsed_ms: int,
    ) -> None:
        store = self._store
        with store.transaction():
            run = store.get_run(run_id)
            if run is None or run.status != st.EXECUTING or run.attempt_count != attempt:
                return
            now = self._clock.now_ms()
            fields: dict[str, Any] = {
                "duration_ms": run.duration_ms + elapsed_ms,
                "updated_at": now,
                "attempt_started_at": None,
            }
            if isinstance(context.metadata, dict) and (context.metadata or run.metadata is not None):
                fields["metadata"] = packets.to_json_text(dict(context.metadata))
                fields["metadata_type"] = packets.JSON
            if failure is None:
                fields.update(
                    status=st.COMPLETED_SUCCESSFULLY,
                    output=output_packet[0],
                    output_type=output_packet[1],
                    completed_at=now,
                )
            else:
                max_attempts = run.max_attempts or definition.max_attempts
                if attempt < max_attempts:
                    fields.update(
                        status=st.RETRYING_AFTER_FAILURE,
                        retry_at=now + round(self.retry_delay_s * 1000),
                    )
                else:
                    fields.update(status=st.COMPLETED_WITH_ERRORS, error=failure, completed_at=now)
            store.update_run(run_id, **fields)
            if fields.get("completed_at") is not None:
                store.end_run_event(root_span_id(run_id), now * 1_000_000, is_error=failure is not None)

    def _save_metadata(self, run_id: str, value: dict[str, Any]) -> None:
        try:
            text = packets.to_json_text(value)
        except (TypeError, ValueError):
            return
        store = self._store
        with store.transaction():
            status = store.status_of(run_id)
            if status is None or st.is_final(status):
                return
            store.update_run(
                run_id, metadata=text, metadata_type=packets.JSON, updated_at=self._clock.now_ms()
            )


def root_span_id(run_id: str) -> str:
    """The id of a run's root span (16 hex digits, as OpenTelemetry span ids)."""
    return hashlib.sha256(run_id.encode("utf-8")).hexdigest()[:16]


async def _await(awaitable: Any) -> Any:
    return await awaitable
