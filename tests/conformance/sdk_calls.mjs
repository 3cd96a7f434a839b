// Calls every backend function the emulator serves with the official Trigger.dev SDK (unmodified),
// and prints a JSON report: one entry per SDK call, ok or not.
//
// Environment:
//   TRIGGER_API_URL     the emulator's base URL (for example http://127.0.0.1:53817)
//   TRIGGER_SECRET_KEY  the emulator's secret key (tr_dev_...)
//   CONFORMANCE_WORKER_VERSION  optional: the emulator's worker version, used as lockToVersion
//   CONFORMANCE_PROJECT_REF     the emulator's project ref
//   CONFORMANCE_ADDITIONAL_KEY  one of the emulator's additional API keys (tr_dev_sk_...), full access
//   CONFORMANCE_PAT             the emulator's personal access token (tr_pat_...)
//
// For the realtime calls, the test prepares runs and passes their ids (CONFORMANCE_RT_* below); the
// emulator holds live realtime requests for a short time.
//
// The emulator must have these tasks registered (tests/conformance/test_official_sdk.py does it):
//   conformance-task        returns {"ok": true, "echo": <payload>}
//   conformance-other-task  returns {"other": true}
//   conformance-slow-task   runs for payload.seconds (stopping early when cancelled), returns {"slow": true}
//   conformance-scheduled-task  a scheduled task (registered with scheduled=True), returns its payload
// "conformance-missing-task" must NOT be registered.
// Two calls are preceded by a fault rule set through the emulator's control API (/__emulator/faults),
// to show that the SDK's own retry logic understands the emulator's 5xx and 429 answers. The schedule
// calls come last: one of them moves the emulator's clock forward an hour (/__emulator/advance) so that
// a schedule triggers a run.
//
// Every SDK function validates the response with its own zod schema and throws
// ApiSchemaValidationError when the server's answer does not match; a call is "ok" only when it
// resolved (or failed with the expected SDK error class) and the extra checks below hold.
// Exit status: 0 when every call is ok, 1 otherwise, 2 when the environment is incomplete.

import { randomUUID } from "node:crypto";
import {
  auth,
  AuthenticationError,
  BadRequestError,
  batch,
  concurrencyLimits,
  configure,
  deployments,
  envvars,
  idempotencyKeys,
  NotFoundError,
  queues,
  runs,
  schedules,
  streams,
  tasks,
  UnprocessableEntityError,
  wait,
} from "@trigger.dev/sdk";
import { ApiSchemaValidationError, apiClientManager } from "@trigger.dev/core/v3";

const TASK = "conformance-task";
const OTHER_TASK = "conformance-other-task";
const SLOW_TASK = "conformance-slow-task";
const MISSING_TASK = "conformance-missing-task";
const SCHEDULED_TASK = "conformance-scheduled-task";

const baseURL = process.env.TRIGGER_API_URL;
const secretKey = process.env.TRIGGER_SECRET_KEY;
const projectRef = process.env.CONFORMANCE_PROJECT_REF;
if (!baseURL || !secretKey) {
  console.error("TRIGGER_API_URL and TRIGGER_SECRET_KEY must be set");
  process.exit(2);
}
configure({ baseURL, secretKey });

const report = [];
const started = Date.now();

function errorInfo(error) {
  return {
    class: error?.constructor?.name ?? typeof error,
    name: error?.name,
    message: String(error?.message ?? error),
    status: error?.status,
  };
}

function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

// Test set-up only (not an SDK call): make the emulator misbehave for the next matching request.
async function addFault(rule) {
  const response = await fetch(`${baseURL}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
  if (response.status !== 201) {
    throw new Error(`could not add fault rule: ${response.status} ${await response.text()}`);
  }
}

// Test set-up only (not an SDK call): move the emulator's virtual clock forward.
async function advanceClock(seconds) {
  const response = await fetch(`${baseURL}/__emulator/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seconds }),
  });
  if (response.status !== 200) {
    throw new Error(`could not advance the clock: ${response.status} ${await response.text()}`);
  }
}

async function requestsTo(method, path) {
  const response = await fetch(`${baseURL}/__emulator/requests`);
  const recorded = await response.json();
  return recorded.filter((request) => request.method === method && request.path === path).length;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function near(date, expectedMs, toleranceMs, what) {
  check(date instanceof Date, `${what} is a Date`);
  const diff = Math.abs(date.getTime() - expectedMs);
  check(diff <= toleranceMs, `${what} ${date.toISOString()} within ${toleranceMs} ms of ${new Date(expectedMs).toISOString()}`);
}

// Run one SDK call. `fn` returns the SDK result; `verify` checks it (throwing on a mismatch).
// With `expectError`, the call must throw an instance of that class instead. Entries keep the order
// in which the calls started. The SDK's result is returned even when a check fails, so that later
// calls can still use it (undefined when the call itself failed).
async function call(name, fn, { verify, expectError, data } = {}) {
  const t0 = Date.now();
  const entry = { call: name, ok: false };
  report.push(entry);
  let result;
  let outcome;
  try {
    result = await fn();
    outcome = expectError ? { class: "none", message: `expected ${expectError.name}, but the call resolved` } : null;
  } catch (error) {
    if (expectError && error instanceof expectError) {
      entry.expectedError = errorInfo(error);
      outcome = null;
      result = error;
    } else {
      outcome = errorInfo(error);
      if (error?.rawBody !== undefined) {
        outcome.rawBody = error.rawBody; // ApiSchemaValidationError: what the server sent
      }
      result = undefined;
    }
  }
  if (outcome === null && verify) {
    try {
      await verify(result);
    } catch (checkError) {
      outcome = errorInfo(checkError);
    }
  }
  entry.ms = Date.now() - t0;
  if (outcome === null && data) {
    entry.data = data(result); // what the SDK received, for test_official_sdk.py to compare
  }
  if (outcome === null) {
    entry.ok = true;
  } else {
    entry.error = outcome;
  }
  return expectError ? undefined : result;
}

// Retrieve a run repeatedly until `predicate(run)` holds (the emulator runs handlers in the background).
async function retrieveUntil(runId, predicate, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runs.retrieve(runId);
    if (predicate(run)) {
      return run;
    }
    if (Date.now() > deadline) {
      throw new Error(`run ${runId} stayed ${run.status}`);
    }
    await sleep(50);
  }
}

// The 404 path: the server marks the 404 retryable (x-should-retry: true), so the SDK retries it with
// its own backoff (about 9 s in all) before throwing NotFoundError. Start it first and await it last.
const missingRun = call(
  "runs.retrieve (missing run -> NotFoundError after the SDK's retries)",
  () => runs.retrieve("run_conformancemissing00000001"),
  {
    expectError: NotFoundError,
    verify: (error) => check(error.status === 404, `status 404, got ${error.status}`),
  }
);

// --- tasks.trigger ---------------------------------------------------------------------------------

const idempotencyKey = `order-${randomUUID()}`;
const allOptions = {
  queue: "conformance-queue",
  concurrencyKey: "user-123",
  idempotencyKey,
  idempotencyKeyTTL: "1h",
  delay: "5m",
  ttl: "10m",
  tags: ["conformance", "user:123"],
  maxAttempts: 3,
  metadata: { source: "conformance", attempt: 1 },
  maxDuration: 300,
  machine: "small-2x",
  priority: 10,
  region: "us-east-1",
};
if (process.env.CONFORMANCE_WORKER_VERSION) {
  allOptions.lockToVersion = process.env.CONFORMANCE_WORKER_VERSION;
}
const delayedHandle = await call(
  "tasks.trigger (all options)",
  () => tasks.trigger(TASK, { hello: "world", when: new Date("2025-06-01T12:00:00.000Z") }, allOptions),
  {
    verify: async (handle) => {
      check(handle.id.startsWith("run_"), `run id, got ${handle.id}`);
      check(handle.isCached === false, "isCached false");
      check(typeof handle.publicAccessToken === "string" && handle.publicAccessToken.split(".").length === 3, "a JWT publicAccessToken");
      const run = await runs.retrieve(handle.id);
      check(run.status === "DELAYED", `status DELAYED, got ${run.status}`);
      check(run.idempotencyKey === idempotencyKey, `idempotencyKey shown as the user's key, got ${run.idempotencyKey}`);
      check(JSON.stringify(run.tags) === JSON.stringify(["conformance", "user:123"]), `tags, got ${JSON.stringify(run.tags)}`);
      check(run.metadata?.source === "conformance", "metadata");
      check(run.ttl === "10m", `ttl 10m, got ${run.ttl}`);
      check(run.region === "us-east-1", `region, got ${run.region}`);
      check(run.payload?.hello === "world" && run.payload?.when === "2025-06-01T12:00:00.000Z", `payload, got ${JSON.stringify(run.payload)}`);
      near(run.delayedUntil, Date.now() + 5 * 60_000, 60_000, "delayedUntil");
    },
  }
);

await call(
  "tasks.trigger (same idempotency key -> isCached)",
  () => tasks.trigger(TASK, { hello: "again" }, { idempotencyKey }),
  {
    verify: (handle) => {
      check(handle.id === delayedHandle?.id, `the same run, got ${handle.id}`);
      check(handle.isCached === true, "isCached true");
    },
  }
);

const plainHandle = await call("tasks.trigger (plain JSON payload, no options)", () =>
  tasks.trigger(TASK, { hello: "world" }),
  { verify: (handle) => check(handle.id.startsWith("run_") && handle.isCached === false, "a new run") }
);

const stringHandle = await call("tasks.trigger (string payload)", () => tasks.trigger(TASK, "just a string"), {
  verify: (handle) => check(handle.id.startsWith("run_"), "a new run"),
});

const delayDate = new Date(Date.now() + 2 * 3600_000);
const dateDelayHandle = await call(
  "tasks.trigger (delay as Date, ttl as number)",
  () => tasks.trigger(TASK, { n: 1 }, { delay: delayDate, ttl: 3600 }),
  {
    verify: async (handle) => {
      const run = await runs.retrieve(handle.id);
      check(run.status === "DELAYED", `status DELAYED, got ${run.status}`);
      check(run.ttl === "1h", `ttl "1h", got ${run.ttl}`);
      near(run.delayedUntil, delayDate.getTime(), 1_000, "delayedUntil");
    },
  }
);

const slowHandle = await call("tasks.trigger (slow task, to cancel)", () => tasks.trigger(SLOW_TASK, { seconds: 10 }), {
  verify: (handle) => check(handle.id.startsWith("run_"), "a new run"),
});

await call(
  "tasks.trigger (task no worker has)",
  () => tasks.trigger(MISSING_TASK, {}),
  {
    verify: async (handle) => {
      check(handle.id.startsWith("run_"), "a new run (the server does not 404 unknown tasks)");
      const run = await runs.retrieve(handle.id);
      check(["QUEUED", "PENDING_VERSION"].includes(run.status), `QUEUED or PENDING_VERSION, got ${run.status}`);
      const parked = await retrieveUntil(handle.id, (r) => r.status === "PENDING_VERSION");
      check(parked.isQueued === true && parked.isCompleted === false, "PENDING_VERSION counts as queued");
    },
  }
);

// --- batches ---------------------------------------------------------------------------------------

const batchKey = `batch-${randomUUID()}`;
const tasksBatch = await call(
  "tasks.batchTrigger",
  () =>
    tasks.batchTrigger(
      TASK,
      [{ payload: { n: 1 } }, { payload: { n: 2 }, options: { tags: ["batched"] } }],
      { idempotencyKey: batchKey }
    ),
  {
    verify: (result) => {
      check(result.batchId.startsWith("batch_"), `batch id, got ${result.batchId}`);
      check(result.runCount === 2, `runCount 2, got ${result.runCount}`);
      check(typeof result.publicAccessToken === "string", "a publicAccessToken");
    },
  }
);

const mixedBatch = await call(
  "batch.trigger (mixed tasks)",
  () =>
    batch.trigger([
      { id: TASK, payload: { from: "batch" } },
      { id: OTHER_TASK, payload: { from: "batch" }, options: { tags: ["other"] } },
    ]),
  {
    verify: (result) => {
      check(result.batchId.startsWith("batch_"), `batch id, got ${result.batchId}`);
      check(result.runCount === 2, `runCount 2, got ${result.runCount}`);
    },
  }
);

// --- runs.poll, runs.retrieve ----------------------------------------------------------------------

await call(
  "runs.poll (run that completes)",
  async () => {
    const handle = await tasks.trigger(SLOW_TASK, { seconds: 0.5 });
    const before = await runs.retrieve(handle.id);
    check(!before.isCompleted, `not finished before polling, got ${before.status}`);
    return runs.poll(handle.id, { pollIntervalMs: 100 });
  },
  {
    verify: (run) => {
      check(run.status === "COMPLETED" && run.isCompleted && run.isSuccess, `COMPLETED, got ${run.status}`);
      check(run.output?.slow === true, `output, got ${JSON.stringify(run.output)}`);
      check(run.finishedAt instanceof Date && run.startedAt instanceof Date, "startedAt and finishedAt are dates");
      check(run.finishedAt.getTime() - run.startedAt.getTime() >= 400, "the handler ran for its 0.5 s");
    },
  }
);

await call("runs.poll (plain run)", () => runs.poll(plainHandle.id, { pollIntervalMs: 100 }), {
  verify: (run) => {
    check(run.status === "COMPLETED", `COMPLETED, got ${run.status}`);
    check(run.output?.ok === true && run.output?.echo?.hello === "world", `output, got ${JSON.stringify(run.output)}`);
  },
});

await call("runs.retrieve", () => retrieveUntil(stringHandle.id, (run) => run.isCompleted), {
  verify: (run) => {
    check(run.id === stringHandle.id, "the run asked for");
    check(run.payload === "just a string", `string payload, got ${JSON.stringify(run.payload)}`);
    check(run.output?.echo === "just a string", `output, got ${JSON.stringify(run.output)}`);
    check(run.taskIdentifier === TASK && run.triggerFunction === "trigger" && run.depth === 0, "task, trigger function, depth");
    check(run.attemptCount === 1, `attemptCount 1, got ${run.attemptCount}`);
    check(Array.isArray(run.relatedRuns.children), "relatedRuns.children");
  },
});

await call(
  "batch.retrieve (500 then 200: the SDK retries)",
  async () => {
    const path = `/api/v2/batches/${mixedBatch.batchId}`;
    await addFault({ action: "status", status: 500, method: "GET", path, times: 1, body: '{"error":"Internal Server Error"}' });
    const result = await batch.retrieve(mixedBatch.batchId);
    check((await requestsTo("GET", path)) === 2, "one failed attempt, one retry");
    return result;
  },
  { verify: (result) => check(result.id === mixedBatch.batchId, "the batch asked for") }
);

await call(
  "batch.retrieve",
  async () => {
    // Wait for the mixed batch's runs to finish, then read the batch.
    let result;
    const deadline = Date.now() + 10_000;
    do {
      result = await batch.retrieve(mixedBatch.batchId);
      if (result.status === "COMPLETED") break;
      await sleep(50);
    } while (Date.now() < deadline);
    return result;
  },
  {
    verify: async (result) => {
      check(result.id === mixedBatch.batchId, "the batch asked for");
      check(result.status === "COMPLETED", `COMPLETED, got ${result.status}`);
      check(result.runCount === 2 && result.runs.length === 2, `two runs, got ${JSON.stringify(result.runs)}`);
      check(result.createdAt instanceof Date && result.updatedAt instanceof Date, "dates");
      check(Array.isArray(result.processing.errors) && result.processing.errors.length === 0, "no processing errors");
      const children = await Promise.all(result.runs.map((id) => runs.retrieve(id)));
      const byTask = Object.fromEntries(children.map((run) => [run.taskIdentifier, run]));
      check(byTask[TASK]?.output?.echo?.from === "batch", "the conformance-task item ran");
      check(byTask[OTHER_TASK]?.output?.other === true, "the other-task item ran");
      check(children.every((run) => run.triggerFunction === "batchTrigger" && run.batchId === mixedBatch.batchId), "batch runs");
    },
  }
);

await call("batch.retrieve (tasks.batchTrigger batch)", () => batch.retrieve(tasksBatch.batchId), {
  verify: (result) => {
    check(result.id === tasksBatch.batchId && result.runs.length === 2, "two runs");
    check(result.idempotencyKey !== undefined, "the batch idempotency key is reported");
  },
});

// --- runs.cancel, runs.replay, runs.reschedule -----------------------------------------------------

await call(
  "runs.cancel (429 then 200: the SDK waits for x-ratelimit-reset)",
  async () => {
    const path = `/api/v2/runs/${slowHandle.id}/cancel`;
    await addFault({ action: "rate_limit", method: "POST", path, times: 1, reset_in_s: 0.2 });
    const result = await runs.cancel(slowHandle.id);
    check((await requestsTo("POST", path)) === 2, "one rate-limited attempt, one retry");
    return result;
  },
  {
    verify: async (result) => {
    check(result.id === slowHandle.id, `the run id, got ${result.id}`);
      check(result.id === slowHandle.id, `the run id, got ${result.id}`);
      const run = await runs.retrieve(slowHandle.id);
      check(run.status === "CANCELED" && run.isCancelled && run.isCompleted, `CANCELED, got ${run.status}`);
    },
  }
);

await call("runs.cancel", () => runs.cancel(slowHandle.id), {
  verify: async (result) => {
    check(result.id === slowHandle.id, "cancelling a finished run answers its id again");
    const run = await runs.retrieve(slowHandle.id);
    check(run.status === "CANCELED", `still CANCELED, got ${run.status}`);
  },
});

await call("runs.replay (no options)", () => runs.replay(plainHandle.id), {
  verify: async (result) => {
    check(result.id.startsWith("run_") && result.id !== plainHandle.id, `a new run, got ${result.id}`);
    const run = await runs.poll(result.id, { pollIntervalMs: 100 });
    check(run.status === "COMPLETED", `COMPLETED, got ${run.status}`);
    check(run.payload?.hello === "world", `the original payload, got ${JSON.stringify(run.payload)}`);
  },
});

await call(
  "runs.replay (with options)",
  () =>
    runs.replay(plainHandle.id, {
      payload: { replayed: true, at: new Date("2025-06-01T12:00:00.000Z") },
      tags: ["replayed"],
      metadata: { replay: true },
      concurrencyKey: "user-123",
      machine: "medium-1x",
      region: "eu-central-1",
      delay: "1m",
      ttl: "1h",
      idempotencyKey: `replay-${randomUUID()}`,
      idempotencyKeyTTL: "10m",
      maxAttempts: 2,
      maxDuration: 120,
      priority: 1,
    }),
  {
    // The server's replay route reads no body: the new run is a plain replay of the original.
    verify: async (result) => {
      const run = await runs.retrieve(result.id);
      const original = await runs.retrieve(plainHandle.id);
      check(run.id !== original.id && run.status !== "DELAYED", `a new run that is not delayed, got ${run.status}`);
      check(JSON.stringify(run.payload) === JSON.stringify(original.payload), `the original payload, got ${JSON.stringify(run.payload)}`);
      check(JSON.stringify(run.tags) === JSON.stringify(original.tags), `the original tags, got ${JSON.stringify(run.tags)}`);
    },
  }
);

await call("runs.reschedule (duration)", () => runs.reschedule(delayedHandle.id, { delay: "1h" }), {
  verify: (run) => {
    check(run.id === delayedHandle.id && run.status === "DELAYED", `DELAYED, got ${run.status}`);
    near(run.delayedUntil, Date.now() + 3600_000, 60_000, "delayedUntil");
  },
});

const rescheduleDate = new Date(Date.now() + 24 * 3600_000);
await call("runs.reschedule (Date)", () => runs.reschedule(dateDelayHandle.id, { delay: rescheduleDate }), {
  verify: (run) => {
    check(run.id === dateDelayHandle.id && run.status === "DELAYED", `DELAYED, got ${run.status}`);
    near(run.delayedUntil, rescheduleDate.getTime(), 1_000, "delayedUntil");
  },
});

// --- runs.list -------------------------------------------------------------------------------------

const listFrom = new Date(started - 3600_000);
const listTo = new Date(Date.now() + 3600_000);
await call(
  "runs.list (all filters)",
  () =>
    runs.list({
      status: ["COMPLETED", "FAILED"],
      taskIdentifier: [TASK, OTHER_TASK],
      version: ["20250601.1"],
      bulkAction: "bulk_conformance0000000000001",
      tag: ["conformance", "user:123"],
      schedule: "sched_conformance000000000001",
      isTest: false,
      from: listFrom,
      to: listTo,
      batch: mixedBatch?.batchId,
      queue: [{ type: "task", name: TASK }, "conformance-queue"],
      machine: ["small-1x", "small-2x"],
      region: "us-east-1",
      limit: 10,
    }),
  {
    verify: (page) => {
      check(Array.isArray(page.data), "a page of runs");
      check(page.data.length === 0, `no run matches every filter, got ${page.data.length}`);
    },
  }
);

await call(
  "runs.list (filters that match)",
  () =>
    runs.list({
      status: "COMPLETED",
      taskIdentifier: OTHER_TASK,
      tag: "other",
      isTest: false,
      from: listFrom,
      to: listTo,
      batch: mixedBatch?.batchId,
      queue: { type: "task", name: OTHER_TASK },
      limit: 10,
    }),
  {
    verify: (page) => {
      check(page.data.length === 1, `exactly the other-task batch run, got ${page.data.length}`);
      const run = page.data[0];
      check(run.taskIdentifier === OTHER_TASK && run.status === "COMPLETED", "the completed other-task run");
      check(typeof run.env?.id === "string" && run.env?.name === "dev", `env, got ${JSON.stringify(run.env)}`);
      check(run.createdAt instanceof Date, "createdAt is a date");
    },
  }
);

await call(
  "runs.list (period, single status)",
  () => runs.list({ status: "DELAYED", taskIdentifier: TASK, period: "1d" }),
  {
    verify: (page) => {
      const ids = page.data.map((run) => run.id);
      check(ids.includes(delayedHandle.id) && ids.includes(dateDelayHandle.id), `the delayed runs, got ${JSON.stringify(ids)}`);
      check(page.data.every((run) => run.status === "DELAYED" && run.isQueued), "only DELAYED runs");
    },
  }
);

await call(
  "runs.list (auto-pagination with for await)",
  async () => {
    const seen = [];
    for await (const run of runs.list({ limit: 2 })) {
      seen.push(run.id);
    }
    return seen;
  },
  {
    verify: (seen) => {
      check(seen.length >= 12, `every run, got ${seen.length}`);
      check(new Set(seen).size === seen.length, "no run twice");
      check(seen.includes(plainHandle.id) && seen.includes(delayedHandle.id), "includes the triggered runs");
    },
  }
);

// --- error answers the SDK maps to its own classes --------------------------------------------------

await call(
  "runs.cancel (missing run -> NotFoundError, not retried)",
  async () => runs.cancel("run_conformancemissing00000002"),
  {
    expectError: NotFoundError,
    verify: async (error) => {
      check(error.status === 404, `status 404, got ${error.status}`);
      check((await requestsTo("POST", "/api/v2/runs/run_conformancemissing00000002/cancel")) === 1, "x-should-retry: false, one attempt");
    },
  }
);

await call(
  "runs.reschedule (run not delayed -> BadRequestError)",
  () => runs.reschedule(plainHandle.id, { delay: "1h" }),
  {
    expectError: BadRequestError,
    verify: (error) => check(error.message === "Cannot reschedule a run that is not delayed", `message, got ${error.message}`),
  }
);

await call(
  "tasks.trigger (11 tags -> UnprocessableEntityError)",
  () => tasks.trigger(TASK, {}, { tags: Array.from({ length: 11 }, (_, i) => `tag-${i}`) }),
  {
    expectError: UnprocessableEntityError,
    verify: (error) => check(error.message === "Runs can only have 10 tags, you're trying to set 11.", `message, got ${error.message}`),
  }
);

await call(
  "auth.withAuth (wrong secret key -> AuthenticationError)",
  () => auth.withAuth({ secretKey: "tr_dev_wrongwrongwrongwrongwrong" }, () => runs.retrieve(plainHandle.id)),
  {
    expectError: AuthenticationError,
    verify: (error) => check(error.status === 401 && error.message === "Invalid API key", `401 Invalid API key, got ${error.status} ${error.message}`),
  }
);

// --- schedules -------------------------------------------------------------------------------------

const scheduleKey = `user_123-hourly-${randomUUID()}`;
const isDate = (value) => value instanceof Date && !Number.isNaN(value.getTime());
const created = await call(
  "schedules.create",
  () =>
    schedules.create({
      task: SCHEDULED_TASK,
      cron: "0 * * * *",
      timezone: "Europe/London",
      externalId: "user_123",
      deduplicationKey: scheduleKey,
    }),
  {
    verify: (schedule) => {
      check(schedule.id.startsWith("sched_"), `schedule id, got ${schedule.id}`);
      check(schedule.type === "IMPERATIVE" && schedule.active === true, "an active imperative schedule");
      check(schedule.task === SCHEDULED_TASK && schedule.externalId === "user_123", "task and externalId");
      check(schedule.deduplicationKey === scheduleKey, `deduplicationKey, got ${schedule.deduplicationKey}`);
      check(schedule.timezone === "Europe/London", `timezone, got ${schedule.timezone}`);
      check(
        JSON.stringify(schedule.generator) === JSON.stringify({ type: "CRON", expression: "0 * * * *", description: "Every hour" }),
        `generator, got ${JSON.stringify(schedule.generator)}`
      );
      check(isDate(schedule.nextRun) && schedule.nextRun.getTime() > Date.now(), "nextRun is a future Date");
      check(schedule.nextRun.getUTCMinutes() === 0 && schedule.nextRun.getUTCSeconds() === 0, "on the hour");
      check(schedule.nextRun.getTime() - Date.now() <= 3600_000, "within the hour");
      check(isDate(schedule.nextRunEffectiveAt) && schedule.nextRunEffectiveAt >= schedule.nextRun, "nextRunEffectiveAt");
      check(schedule.environments.length === 1 && schedule.environments[0].type === "DEVELOPMENT", "the DEV environment");
    },
  }
);

await call(
  "schedules.create (same deduplicationKey -> the same schedule)",
  () => schedules.create({ task: SCHEDULED_TASK, cron: "0 * * * *", timezone: "Europe/London", externalId: "user_123", deduplicationKey: scheduleKey }),
  { verify: (schedule) => check(schedule.id === created?.id, `the same schedule, got ${schedule.id}`) }
);

await call("schedules.retrieve", () => schedules.retrieve(created.id), {
  verify: (schedule) => {
    check(schedule.id === created.id && schedule.active, "the schedule asked for");
    check(schedule.nextRun?.getTime() === created.nextRun.getTime(), "the same nextRun");
    check(schedule.generator.description === "Every hour", "description");
  },
});

const otherKeys = [`list-a-${randomUUID()}`, `list-b-${randomUUID()}`];
await call(
  "schedules.list (page, perPage)",
  async () => {
    for (const key of otherKeys) {
      await schedules.create({ task: SCHEDULED_TASK, cron: "*/15 9-17 * * 1-5", deduplicationKey: key });
    }
    return schedules.list({ page: 1, perPage: 2 });
  },
  {
    verify: (page) => {
      check(page.data.length === 2, `two schedules, got ${page.data.length}`);
      check(
        JSON.stringify(page.pagination) === JSON.stringify({ currentPage: 1, totalPages: 2, count: 3 }),
        `pagination, got ${JSON.stringify(page.pagination)}`
      );
      check(page.data[0].deduplicationKey === otherKeys[1], "newest first");
      check(page.data[0].generator.description === "Every 15 minutes, between 09:00 AM and 05:59 PM, Monday through Friday", `description, got ${page.data[0].generator.description}`);
      check(page.data.every((schedule) => isDate(schedule.nextRun)), "nextRun dates");
    },
  }
);

await call(
  "schedules.list (auto-pagination with for await)",
  async () => {
    const seen = [];
    for await (const schedule of schedules.list({ perPage: 2 })) {
      seen.push(schedule.id);
    }
    return seen;
  },
  {
    verify: (seen) => {
      check(seen.length === 3 && new Set(seen).size === 3, `three schedules once each, got ${JSON.stringify(seen)}`);
      check(seen.includes(created.id), "includes the created schedule");
    },
  }
);

await call(
  "schedules.update",
  () => schedules.update(created.id, { task: SCHEDULED_TASK, cron: "30 9 * * 1-5", timezone: "UTC", externalId: "user_123" }),
  {
    verify: (schedule) => {
      check(schedule.id === created.id && schedule.timezone === "UTC", "the same schedule, now in UTC");
      check(schedule.generator.expression === "30 9 * * 1-5", `expression, got ${schedule.generator.expression}`);
      check(schedule.generator.description === "At 09:30 AM, Monday through Friday", `description, got ${schedule.generator.description}`);
      const day = schedule.nextRun.getUTCDay();
      check(day >= 1 && day <= 5 && schedule.nextRun.getUTCHours() === 9 && schedule.nextRun.getUTCMinutes() === 30, `nextRun, got ${schedule.nextRun.toISOString()}`);
    },
  }
);

await call("schedules.deactivate", () => schedules.deactivate(created.id), {
  verify: (schedule) => {
    check(schedule.active === false, "inactive");
    check(schedule.nextRun === null && schedule.nextRunEffectiveAt === null, `no nextRun, got ${schedule.nextRun}`);
  },
});

await call("schedules.activate", () => schedules.activate(created.id), {
  verify: (schedule) => check(schedule.active === true && isDate(schedule.nextRun), "active, with a nextRun"),
});

await call(
  "schedules.create (task that is not scheduled -> UnprocessableEntityError)",
  () => schedules.create({ task: TASK, cron: "0 * * * *", deduplicationKey: `not-scheduled-${randomUUID()}` }),
  {
    expectError: UnprocessableEntityError,
    verify: (error) => check(error.message === `Task with identifier ${TASK} is not a scheduled task.`, `message, got ${error.message}`),
  }
);

await call(
  "runs.retrieve (a run the schedule triggered, after the clock moved an hour)",
  async () => {
    const schedule = await schedules.create({ task: SCHEDULED_TASK, cron: "0 * * * *", externalId: "tenant-9", deduplicationKey: `runs-${randomUUID()}` });
    await advanceClock(3600);
    const page = await runs.list({ schedule: schedule.id });
    check(page.data.length === 1, `one run for the schedule, got ${page.data.length}`);
    const run = await retrieveUntil(page.data[0].id, (r) => r.isCompleted);
    return { schedule, run };
  },
  {
    verify: ({ schedule, run }) => {
      check(run.status === "COMPLETED" && run.taskIdentifier === SCHEDULED_TASK, `COMPLETED, got ${run.status}`);
      check(run.schedule?.id === schedule.id && run.schedule?.externalId === "tenant-9", `schedule, got ${JSON.stringify(run.schedule)}`);
      check(run.schedule?.generator?.description === "Every hour", "schedule generator");
      check(run.createdAt.getTime() === schedule.nextRun.getTime(), `createdAt is the occurrence, got ${run.createdAt.toISOString()}`);
      const payload = run.output;
      check(payload?.scheduleId === schedule.id && payload?.type === "IMPERATIVE", `payload, got ${JSON.stringify(payload)}`);
      check(payload.timestamp === schedule.nextRun.toISOString() && payload.timezone === "UTC", "timestamp and timezone");
      check(payload.externalId === "tenant-9" && payload.lastTimestamp === null, "externalId, no lastTimestamp");
      check(Array.isArray(payload.upcoming) && payload.upcoming.length === 10, "ten upcoming occurrences");
    },
  }
);

await call("schedules.del", () => schedules.del(created.id), {
  verify: async (result) => {
    check(result.id === created.id, `the deleted id, got ${result.id}`);
    let error;
    try {
      await schedules.retrieve(created.id);
    } catch (caught) {
      error = caught;
    }
    check(error instanceof NotFoundError && error.message === "Schedule not found", `NotFoundError, got ${error?.message}`);
  },
});

await call("schedules.timezones", () => schedules.timezones(), {
  verify: (result) => {
    check(result.timezones[0] === "UTC", `UTC first, got ${result.timezones[0]}`);
    check(result.timezones.includes("Europe/London") && result.timezones.includes("America/New_York"), "IANA names");
    check(result.timezones.length > 400, `the whole list, got ${result.timezones.length}`);
  },
});

await call("schedules.timezones (excludeUtc)", () => schedules.timezones({ excludeUtc: true }), {
  verify: (result) => {
    check(!result.timezones.includes("UTC"), "no UTC");
    check(result.timezones[0] === "Africa/Abidjan", `sorted, got ${result.timezones[0]}`);
  },
});

// --- environment variables -------------------------------------------------------------------------

await call("envvars.create", () => envvars.create(projectRef, "dev", { name: "API_URL", value: "https://example.test", isSecret: false }), {
  verify: (result) => check(result.success === true, `success, got ${JSON.stringify(result)}`),
});

await call("envvars.create (secret)", () => envvars.create(projectRef, "dev", { name: "SECRET_TOKEN", value: "fake-secret-value", isSecret: true }), {
  verify: (result) => check(result.success === true, "success"),
});

await call("envvars.list", () => envvars.list(projectRef, "dev"), {
  verify: (variables) =>
    check(
      JSON.stringify(variables) ===
        JSON.stringify([
          { name: "API_URL", value: "https://example.test", isSecret: false },
          { name: "SECRET_TOKEN", value: "<redacted>", isSecret: true },
        ]),
      `variables, got ${JSON.stringify(variables)}`
    ),
});

await call("envvars.retrieve", () => envvars.retrieve(projectRef, "dev", "API_URL"), {
  verify: (variable) => check(variable.value === "https://example.test" && variable.isSecret === false, `got ${JSON.stringify(variable)}`),
});

// envvars.update throws a ReferenceError outside a task in 4.8.3; this is the request it would send.
await call(
  "core:ApiClient.updateEnvVar (what envvars.update would send)",
  () => apiClientManager.clientOrThrow().updateEnvVar(projectRef, "dev", "API_URL", { value: "https://changed.example.test" }),
  {
    verify: async (result) => {
      check(result.success === true, "success");
      const variable = await envvars.retrieve(projectRef, "dev", "API_URL");
      check(variable.value === "https://changed.example.test", `updated, got ${variable.value}`);
    },
  }
);

await call("envvars.upload (import)", () => envvars.upload(projectRef, "dev", { variables: { API_URL: "https://example.test", FEATURE_FLAG: "on" }, override: true }), {
  verify: async (result) => {
    check(result.success === true, "success");
    const names = (await envvars.list(projectRef, "dev")).map((variable) => variable.name);
    check(JSON.stringify(names) === JSON.stringify(["API_URL", "SECRET_TOKEN", "FEATURE_FLAG"]), `names, got ${names}`);
  },
});

await call(
  "envvars.upload (names already set, no override -> BadRequestError)",
  () => envvars.upload(projectRef, "dev", { variables: { FEATURE_FLAG: "off" } }),
  {
    expectError: BadRequestError,
    verify: (error) =>
      check(
        error.message === "Some of the variables are already set for these environments. Set override to true to override them.",
        `message, got ${error.message}`
      ),
  }
);

await call("envvars.del", () => envvars.del(projectRef, "dev", "API_URL"), {
  verify: async (result) => {
    check(result.success === true, "success");
    let error;
    try {
      await envvars.retrieve(projectRef, "dev", "API_URL");
    } catch (caught) {
      error = caught;
    }
    check(error instanceof NotFoundError && error.message === "Environment variable not found", `NotFoundError, got ${error?.message}`);
  },
});

await call("envvars.list (another project -> BadRequestError)", () => envvars.list("proj_notthisprojectatall0", "dev"), {
  expectError: BadRequestError,
});

// --- queues and concurrency limits --------------------------------------------------------------------
// The emulator declares conformance-task's queue with a limit of 10, the custom queue
// "tenant/conformance-queue" and the concurrency limit "tenant-limit" (perKey 5, total 50).

const CUSTOM_QUEUE = "tenant/conformance-queue";
const isoOrNull = (value) => value === null || isDate(value);

const queuePage = await call("queues.list", () => queues.list({ page: 1, perPage: 20 }), {
  verify: (page) => {
    const names = page.data.map((queue) => `${queue.type}:${queue.name}`);
    check(names.includes(`task:${TASK}`) && names.includes(`custom:${CUSTOM_QUEUE}`), `queues, got ${names}`);
    check(page.pagination.currentPage === 1 && page.pagination.count === page.data.length, "pagination");
    check(page.data.every((queue) => queue.version === "V1"), "the SDK's V1 default (no version from the server)");
  },
});

const taskQueue = await call("queues.retrieve (task queue by name)", () => queues.retrieve({ type: "task", name: TASK }), {
  verify: (queue) => {
    check(queue.id.startsWith("queue_") && queue.name === TASK && queue.type === "task", `queue, got ${JSON.stringify(queue)}`);
    check(queue.concurrencyLimit === 10 && queue.concurrency.current === 10 && queue.concurrency.base === null, "limit 10, no base");
    check(queue.paused === false && typeof queue.running === "number" && typeof queue.queued === "number", "counts");
  },
});

await call("queues.retrieve (id)", () => queues.retrieve(taskQueue.id), {
  verify: (queue) => check(queue.id === taskQueue.id && queue.name === TASK, `the same queue, got ${queue.id}`),
});

await call("queues.retrieve (custom queue, name with slash)", () => queues.retrieve({ type: "custom", name: CUSTOM_QUEUE }), {
  verify: async (queue) => {
    check(queue.name === CUSTOM_QUEUE && queue.type === "custom", `queue, got ${JSON.stringify(queue)}`);
    check((await requestsTo("GET", "/api/v1/queues/tenant%2Fconformance-queue")) === 1, "sent as tenant%252F…, seen once decoded");
  },
});

await call("queues.pause", () => queues.pause({ type: "custom", name: CUSTOM_QUEUE }), {
  verify: (queue) => check(queue.paused === true && queue.name === CUSTOM_QUEUE, "paused"),
});

await call("queues.resume", () => queues.resume({ type: "custom", name: CUSTOM_QUEUE }), {
  verify: (queue) => check(queue.paused === false, "resumed"),
});

await call("queues.overrideConcurrencyLimit", () => queues.overrideConcurrencyLimit({ type: "task", name: TASK }, 3), {
  verify: (queue) => {
    check(queue.concurrencyLimit === 3 && queue.concurrency.override === 3 && queue.concurrency.base === 10, `override, got ${JSON.stringify(queue.concurrency)}`);
    check(isDate(queue.concurrency.overriddenAt) && queue.concurrency.overriddenBy === null, "overriddenAt, overriddenBy");
  },
});

await call("queues.resetConcurrencyLimit", () => queues.resetConcurrencyLimit({ type: "task", name: TASK }), {
  verify: (queue) => check(queue.concurrencyLimit === 10 && queue.concurrency.override === null && queue.concurrency.overriddenAt === null, "reset"),
});

await call("queues.retrieve (missing queue -> NotFoundError)", () => queues.retrieve({ type: "custom", name: "tenant/no-such-queue" }), {
  expectError: NotFoundError,
  verify: (error) => check(error.message === "queue-not-found", `message, got ${error.message}`),
});

await call("concurrencyLimits.list", () => concurrencyLimits.list({ page: 1, perPage: 10 }), {
  verify: (page) => {
    check(page.data.length === 1 && page.data[0].name === "tenant-limit", `limits, got ${JSON.stringify(page.data)}`);
    check(JSON.stringify(page.pagination) === JSON.stringify({ currentPage: 1, totalPages: 1, count: 1 }), "pagination");
  },
});

await call("concurrencyLimits.retrieve", () => concurrencyLimits.retrieve("tenant-limit"), {
  verify: (limit) => {
    check(limit.id.startsWith("climit_") && limit.perKey.current === 5 && limit.total.current === 50, `limit, got ${JSON.stringify(limit)}`);
    check(limit.perKey.overriddenAt === null && limit.paused === false, "not overridden or paused");
  },
});

await call("concurrencyLimits.retrieve (concurrencyKey)", () => concurrencyLimits.retrieve("tenant-limit", { concurrencyKey: "tenant-42" }), {
  verify: (view) => check(view.concurrencyKey === "tenant-42" && view.perKey.current === 5 && view.perKey.expiresAt === null, `view, got ${JSON.stringify(view)}`),
});

await call("concurrencyLimits.override (bounds)", () => concurrencyLimits.override("tenant-limit", { perKey: 2, total: 20 }), {
  verify: (limit) => {
    check(limit.perKey.current === 2 && limit.perKey.base === 5 && limit.perKey.override === 2, "perKey");
    check(limit.total.current === 20 && limit.total.base === 50 && isDate(limit.total.overriddenAt), "total");
  },
});

await call("concurrencyLimits.override (one key)", () => concurrencyLimits.override("tenant-limit", { concurrencyKey: "tenant-42", perKey: 1, ttl: 600 }), {
  verify: (view) => {
    check(view.perKey.current === 1 && view.perKey.override === 1 && view.perKey.base === 2, `view, got ${JSON.stringify(view)}`);
    // 600 s after the emulator's virtual now (which the schedule calls moved an hour ahead).
    check(isDate(view.perKey.expiresAt) && view.perKey.expiresAt.getTime() > Date.now() + 590_000, "expiresAt");
  },
});

await call("concurrencyLimits.reset", () => concurrencyLimits.reset("tenant-limit"), {
  verify: (limit) => check(limit.perKey.current === 5 && limit.total.override === null && isoOrNull(limit.total.overriddenAt), "reset"),
});

await call("concurrencyLimits.reset (concurrencyKey)", () => concurrencyLimits.reset("tenant-limit", { concurrencyKey: "tenant-42" }), {
  verify: (view) => check(view.perKey.override === null && view.perKey.expiresAt === null, "key reset"),
});

await call("concurrencyLimits.pause", () => concurrencyLimits.pause("tenant-limit"), {
  verify: (limit) => check(limit.paused === true, "paused"),
});

await call("concurrencyLimits.resume", () => concurrencyLimits.resume("tenant-limit"), {
  verify: (limit) => check(limit.paused === false, "resumed"),
});

await call("concurrencyLimits.reset (no override -> BadRequestError)", () => concurrencyLimits.reset("tenant-limit"), {
  expectError: BadRequestError,
  verify: (error) => check(error.message === "Concurrency limit has no override to reset", `message, got ${error.message}`),
});

// --- deployments ------------------------------------------------------------------------------------
// The emulator has deployments 20250601.1 (current) and 20250601.2 .. 20250601.6, all DEPLOYED, with git.

await call("deployments.retrieveCurrent", () => deployments.retrieveCurrent(), {
  verify: (deployment) => {
    check(deployment.version === "20250601.1" && deployment.status === "DEPLOYED", `current, got ${JSON.stringify(deployment)}`);
    check(isDate(deployment.createdAt) && isDate(deployment.deployedAt) && deployment.git?.branch === "main", "dates and git");
  },
});

const firstDeployments = await call("deployments.list (filters)", () => deployments.list({ status: "DEPLOYED", period: "7d", limit: 5 }), {
  verify: (page) => {
    check(page.data.length === 5 && page.data[0].version === "20250601.6", `newest first, got ${page.data.map((d) => d.version)}`);
    check(page.pagination.next === page.data[4].id, "next is the last id");
  },
});

await call(
  "deployments.list (auto-pagination with for await)",
  async () => {
    const seen = [];
    for await (const deployment of deployments.list({ limit: 5 })) {
      seen.push(deployment.version);
    }
    return seen;
  },
  { verify: (seen) => check(seen.length === 6 && seen[5] === "20250601.1", `all six, got ${seen}`) }
);

await call(
  "deployments.list (from/to, cursor)",
  () => deployments.list({ from: "2020-01-01T00:00:00.000Z", to: "2999-01-01T00:00:00.000Z", cursor: firstDeployments?.data[4].id }),
  { verify: (page) => check(page.data.length === 1 && page.data[0].version === "20250601.1", `the rest, got ${page.data.map((d) => d.version)}`) }
);

// --- bulk actions and waitpoint tokens -----------------------------------------------------------------
// The emulator processes bulk actions one run per batch, 0.3 s apart, so that an action can be aborted.

const bulkRuns = [];
for (let n = 0; n < 2; n++) {
  bulkRuns.push((await tasks.trigger(TASK, { bulk: n }, { delay: "1h", tags: ["conformance-bulk"] })).id);
}
const bulkCancel = await call(
  "runs.bulk.cancel (filter)",
  () =>
    runs.bulk.cancel({
      filter: { status: ["QUEUED", "DELAYED"], taskIdentifier: TASK, tag: ["conformance-bulk"], period: "1h" },
      name: "conformance cancel",
    }),
  { verify: (result) => check(result.id.startsWith("bulk_"), `a bulk action id, got ${result.id}`) }
);

await call("runs.bulk.poll", () => runs.bulk.poll(bulkCancel.id, { pollIntervalMs: 50 }), {
  verify: async (action) => {
    check(action.id === bulkCancel.id && action.type === "CANCEL" && action.status === "COMPLETED", `COMPLETED, got ${action.status}`);
    check(JSON.stringify(action.counts) === JSON.stringify({ total: 2, success: 2, failure: 0 }), `counts, got ${JSON.stringify(action.counts)}`);
    check(action.name === "conformance cancel" && isDate(action.createdAt) && isDate(action.completedAt), "name and dates");
    const cancelled = await runs.list({ bulkAction: bulkCancel.id });
    check(cancelled.data.length === 2 && cancelled.data.every((run) => run.status === "CANCELED"), "both runs cancelled");
  },
});

const bulkReplay = await call(
  "runs.bulk.replay (runIds, targetRegion)",
  () => runs.bulk.replay({ runIds: [plainHandle.id, stringHandle.id], targetRegion: "us-east-1", name: "conformance replay" }),
  { verify: (result) => check(result.id.startsWith("bulk_") && result.id !== bulkCancel.id, `a new bulk action, got ${result.id}`) }
);

await call("runs.bulk.retrieve", () => runs.bulk.retrieve(bulkReplay.id), {
  verify: async (action) => {
    check(action.id === bulkReplay.id && action.type === "REPLAY" && action.counts.total === 2, `the replay, got ${JSON.stringify(action)}`);
    const done = await runs.bulk.poll(bulkReplay.id, { pollIntervalMs: 50 });
    check(done.counts.success === 2, `two runs replayed, got ${JSON.stringify(done.counts)}`);
    const replayed = await runs.list({ bulkAction: bulkReplay.id });
    // A development environment's replays keep no region (the replay service drops it there).
    check(replayed.data.length === 2 && replayed.data.every((run) => run.region === undefined), "two new runs, no region");
  },
});

await call("runs.bulk.list", () => runs.bulk.list({ limit: 5 }), {
  verify: (page) => {
    const ids = page.data.map((action) => action.id);
    check(ids[0] === bulkReplay.id && ids[1] === bulkCancel.id, `newest first, got ${ids}`);
    check(page.data.every((action) => isDate(action.createdAt)), "dates");
  },
});

await call(
  "runs.bulk.abort",
  async () => {
    const pending = await runs.bulk.cancel({ runIds: bulkRuns });
    return { pending, result: await runs.bulk.abort(pending.id) };
  },
  {
    verify: async ({ pending, result }) => {
      check(result.id === pending.id, `the aborted id, got ${result.id}`);
      const action = await runs.bulk.retrieve(pending.id);
      check(action.status === "ABORTED" && action.completedAt === undefined, `ABORTED, got ${action.status}`);
    },
  }
);

const tokenKey = `approval-${randomUUID()}`;
const token = await call(
  "wait.createToken",
  () => wait.createToken({ timeout: "1h", idempotencyKey: tokenKey, idempotencyKeyTTL: "1d", tags: ["conformance", "approval"] }),
  {
    verify: (created) => {
      check(created.id.startsWith("waitpoint_") && created.isCached === false, `a new token, got ${JSON.stringify(created)}`);
      check(created.url === `${baseURL}/api/v1/waitpoints/tokens/${created.id}/callback/${created.url.split("/").pop()}`, "the callback URL");
      check(typeof created.publicAccessToken === "string" && created.publicAccessToken.split(".").length === 3, "a JWT");
    },
  }
);

const plainToken = await call("wait.createToken (no options)", () => wait.createToken(), {
  verify: (created) => check(created.id.startsWith("waitpoint_") && created.id !== token.id, `another token, got ${created.id}`),
});

await call(
  "wait.createToken (same idempotency key -> isCached)",
  () => wait.createToken({ idempotencyKey: tokenKey }),
  { verify: (created) => check(created.id === token.id && created.isCached === true, `the same token, got ${JSON.stringify(created)}`) }
);

await call(
  "wait.listTokens (filters)",
  () => wait.listTokens({ status: ["WAITING", "COMPLETED"], idempotencyKey: tokenKey, tags: "conformance", period: "1d", limit: 20 }),
  {
    verify: (page) => {
      check(page.data.length === 1 && page.data[0].id === token.id, `the token, got ${JSON.stringify(page.data)}`);
      const item = page.data[0];
      check(item.status === "WAITING" && item.idempotencyKey === tokenKey && isDate(item.timeoutAt) && isDate(item.idempotencyKeyExpiresAt), "fields");
      check(JSON.stringify(item.tags) === JSON.stringify(["approval", "conformance"]), `sorted tags, got ${item.tags}`);
    },
  }
);

await call(
  "wait.listTokens (from/to)",
  async () => {
    const seen = [];
    for await (const item of wait.listTokens({ from: new Date(Date.now() - 3 * 3600_000), to: Date.now() + 3 * 3600_000, limit: 1 })) {
      seen.push(item.id);
    }
    return seen;
  },
  { verify: (seen) => check(seen.length === 2 && seen[0] === plainToken.id && seen[1] === token.id, `both tokens, newest first, got ${seen}`) }
);

await call("wait.retrieveToken", () => wait.retrieveToken(token.id), {
  verify: (retrieved) => {
    check(retrieved.id === token.id && retrieved.status === "WAITING" && retrieved.url === token.url, `WAITING, got ${retrieved.status}`);
    check(retrieved.idempotencyKey === tokenKey && isDate(retrieved.timeoutAt) && isDate(retrieved.createdAt), "key and dates");
    check(retrieved.output === undefined && retrieved.error === undefined, "no output yet");
  },
});

await call("wait.completeToken", () => wait.completeToken(token.id, { approved: true, by: "conformance" }), {
  verify: async (result) => {
    check(result.success === true, "success");
    const retrieved = await wait.retrieveToken(token.id);
    check(retrieved.status === "COMPLETED" && isDate(retrieved.completedAt), `COMPLETED, got ${retrieved.status}`);
    check(retrieved.output?.approved === true && retrieved.output?.by === "conformance", `output, got ${JSON.stringify(retrieved.output)}`);
  },
});

await call(
  "wait.completeToken (with the token's public access token)",
  async () => {
    let result;
    await auth.withAuth({ accessToken: plainToken.publicAccessToken }, async () => {
      result = await wait.completeToken(plainToken, "approved");
    });
    return result;
  },
  {
    verify: async (result) => {
      check(result.success === true, "success");
      const retrieved = await wait.retrieveToken(plainToken);
      check(retrieved.status === "COMPLETED" && retrieved.output === "approved", `a text output, got ${JSON.stringify(retrieved.output)}`);
    },
  }
);

await call(
  "wait.retrieveToken (timed out)",
  async () => {
    const expiring = await wait.createToken({ timeout: "30s" });
    await advanceClock(31);
    return wait.retrieveToken(expiring);
  },
  {
    verify: (retrieved) => {
      check(retrieved.status === "TIMED_OUT" && retrieved.output === undefined, `TIMED_OUT, got ${retrieved.status}`);
      check(retrieved.error?.name === "WaitpointTimeoutError", `a WaitpointTimeoutError, got ${retrieved.error?.name}`);
      check(retrieved.error.message === `Waitpoint timed out at ${retrieved.timeoutAt.toISOString()}`, `message, got ${retrieved.error.message}`);
    },
  }
);

// --- public access tokens, idempotency keys, the project run list ------------------------------------

const additionalKey = process.env.CONFORMANCE_ADDITIONAL_KEY;
const personalAccessToken = process.env.CONFORMANCE_PAT;
const jwtPart = (token, index) => JSON.parse(Buffer.from(token.split(".")[index], "base64url").toString());
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function lifetime(token, seconds) {
  const claims = jwtPart(token, 1);
  check(claims.exp - claims.iat === seconds, `a ${seconds} s lifetime, got ${claims.exp - claims.iat}`);
  check(claims.pub === true && claims.iss === "https://id.trigger.dev" && claims.aud === "https://api.trigger.dev", "pub, iss, aud");
  return claims;
}

await call(
  "auth.createPublicToken (scopes, expirationTime)",
  () => auth.createPublicToken({ scopes: { read: { runs: [plainHandle.id], tags: "conformance" }, write: { waitpoints: "waitpoint_1" } }, expirationTime: "1h" }),
  {
    verify: (token) => {
      check(same(jwtPart(token, 0), { alg: "HS256" }), `header, got ${JSON.stringify(jwtPart(token, 0))}`);
      const claims = lifetime(token, 3600);
      check(same(claims.scopes, [`read:runs:${plainHandle.id}`, "read:tags:conformance", "write:waitpoints:waitpoint_1"]), `scopes, got ${claims.scopes}`);
    },
  }
);
await call("auth.createPublicToken (no options)", () => auth.createPublicToken(), {
  verify: (token) => check(lifetime(token, 900).scopes === undefined, "no scopes claim"),
});
await call(
  "auth.createPublicToken (realtime options, boolean scope)",
  () => auth.createPublicToken({ scopes: { read: { runs: true } }, realtime: { skipColumns: ["payload"] } }),
  { verify: (token) => check(same(lifetime(token, 900).realtime, { skipColumns: ["payload"] }), "realtime claim") }
);
await call("auth.createTriggerPublicToken", () => auth.createTriggerPublicToken(TASK, { multipleUse: true, expirationTime: "10m" }), {
  verify: (token) => check(lifetime(token, 600).otu === false, "otu false"),
});
await call("auth.createBatchTriggerPublicToken", () => auth.createBatchTriggerPublicToken([TASK, OTHER_TASK], { expirationTime: "30m" }), {
  verify: (token) => {
    const claims = lifetime(token, 1800);
    check(claims.otu === true && same(claims.scopes, [`batchTrigger:tasks:${TASK}`, `batchTrigger:tasks:${OTHER_TASK}`]), "otu, scopes");
  },
});
await call(
  "auth.withPublicToken (runs.retrieve with a public JWT)",
  async () => {
    let run;
    await auth.withPublicToken({ scopes: { read: { runs: [plainHandle.id] } } }, async () => {
      run = await runs.retrieve(plainHandle.id);
    });
    return run;
  },
  { verify: (run) => check(run.id === plainHandle.id, `the run, got ${run?.id}`) }
);
await call(
  "auth.withPublicToken (runs.subscribeToRun with a public JWT)",
  async () => {
    let last;
    await auth.withPublicToken({ scopes: { read: { runs: [plainHandle.id] } } }, async () => {
      for await (const run of runs.subscribeToRun(plainHandle.id)) {
        last = run;
        if (run.isCompleted) break;
      }
    });
    return last;
  },
  { verify: (run) => check(run?.id === plainHandle.id && run.status === "COMPLETED", `COMPLETED, got ${run?.status}`) }
);
await call(
  "auth.withTriggerPublicToken (tasks.trigger with a trigger JWT)",
  async () => {
    let handle;
    await auth.withTriggerPublicToken(TASK, {}, async () => {
      handle = await tasks.trigger(TASK, { via: "public-token" });
    });
    return handle;
  },
  { verify: (handle) => check(handle.id.startsWith("run_") && typeof handle.publicAccessToken === "string", `a run, got ${handle?.id}`) }
);
await call(
  "auth.withTriggerPublicToken (used twice -> UnprocessableEntityError)",
  async () => {
    // Another lifetime than the token above: two tokens signed in the same second with the same claims
    // are the same token, already spent.
    const token = await auth.createTriggerPublicToken(TASK, { expirationTime: "14m" });
    await auth.withAuth({ accessToken: token }, () => tasks.trigger(TASK, { use: 1 }));
    return auth.withAuth({ accessToken: token }, () => tasks.trigger(TASK, { use: 2 }));
  },
  {
    expectError: UnprocessableEntityError,
    verify: (error) => check(error.message === `Cannot trigger ${TASK} with a one-time use token as it has already been used.`, `message, got ${error.message}`),
  }
);
await call(
  "auth.withBatchTriggerPublicToken (tasks.batchTrigger with a batch JWT)",
  async () => {
    let result;
    await auth.withBatchTriggerPublicToken(TASK, {}, async () => {
      result = await tasks.batchTrigger(TASK, [{ payload: { via: "public-token" } }]);
    });
    return result;
  },
  { verify: (result) => check(result.batchId.startsWith("batch_") && result.runCount === 1, `a batch of 1, got ${JSON.stringify(result)}`) }
);
await call(
  "auth.createPublicToken (additional API key -> server-minted)",
  () => auth.withAuth({ secretKey: additionalKey }, () => auth.createPublicToken({ scopes: { read: { runs: [plainHandle.id] } }, expirationTime: "1h" })),
  {
    verify: async (token) => {
      check(same(lifetime(token, 3600).scopes, [`read:runs:${plainHandle.id}`]), "scopes");
      const run = await auth.withAuth({ accessToken: token }, () => runs.retrieve(plainHandle.id));
      check(run.id === plainHandle.id, "the minted token reads the run");
    },
  }
);
await call(
  "auth.createTriggerPublicToken (additional API key -> server-minted)",
  () => auth.withAuth({ secretKey: additionalKey }, () => auth.createTriggerPublicToken(TASK)),
  { verify: (token) => check(lifetime(token, 900).otu === true, "otu") }
);

const orderKey = await call("idempotencyKeys.create (global scope)", () => idempotencyKeys.create(`order-${randomUUID()}`, { scope: "global" }), {
  verify: (key) => check(/^[0-9a-f]{64}$/.test(key), `a SHA-256 hex key, got ${key}`),
});
const keyedRun = await call("tasks.trigger (idempotencyKeys.create, global scope)", () => tasks.trigger(TASK, { n: 2 }, { idempotencyKey: orderKey }), {
  verify: async (handle) => {
    const again = await tasks.trigger(TASK, { n: 3 }, { idempotencyKey: orderKey });
    check(again.id === handle.id && again.isCached === true, "the same run, cached");
  },
});
await call("idempotencyKeys.reset (created key)", () => idempotencyKeys.reset(TASK, orderKey), {
  verify: async (result) => {
    check(result.id === orderKey, `the key, got ${result.id}`);
    const fresh = await tasks.trigger(TASK, { n: 4 }, { idempotencyKey: orderKey });
    check(fresh.id !== keyedRun.id && fresh.isCached === false, "a new run after the reset");
  },
});
await call("idempotencyKeys.reset (no run has it -> NotFoundError)", () => idempotencyKeys.reset(OTHER_TASK, "no-such-key", { scope: "global" }), {
  expectError: NotFoundError,
});
await call(
  "runs.list (project ref, env filter)",
  () => auth.withAuth({ accessToken: personalAccessToken }, () => runs.list(projectRef, { status: "COMPLETED", env: ["dev", "prod"], limit: 5 })),
  {
    verify: async (page) => {
      check(page.data.length === 5 && page.data.every((run) => run.status === "COMPLETED"), `5 completed runs, got ${page.data.length}`);
      const none = await auth.withAuth({ accessToken: personalAccessToken }, () => runs.list(projectRef, { env: "prod" }));
      check(none.data.length === 0, "no runs in prod");
    },
  }
);
await call(
  "runs.list (project ref with a secret key -> AuthenticationError)",
  () => runs.list(projectRef, { limit: 1 }),
  { expectError: AuthenticationError }
);

// --- run metadata, tags, events, trace, spans (core ApiClient: the SDK calls these inside tasks) ------

const api = apiClientManager.clientOrThrow();
const detailHandle = await tasks.trigger(TASK, { detail: true }, { delay: "1h", tags: ["conformance"], metadata: { progress: 10 } });
await call(
  "core:ApiClient.updateRunMetadata (operations)",
  () => api.updateRunMetadata(detailHandle.id, { metadata: { ignored: true }, operations: [{ type: "set", key: "status", value: "done" }, { type: "increment", key: "progress", value: 90 }] }),
  { verify: (result) => check(JSON.stringify(result.metadata) === JSON.stringify({ progress: 100, status: "done" }), `metadata, got ${JSON.stringify(result.metadata)}`) }
);
await call(
  "core:ApiClient.updateRunMetadata (replace)",
  () => api.updateRunMetadata(detailHandle.id, { metadata: { progress: 100, status: "done" } }),
  { verify: (result) => check(result.metadata.status === "done", `metadata, got ${JSON.stringify(result.metadata)}`) }
);
// The server answers the stored packet, {metadata: "<JSON text>", metadataType}; the SDK's schema for this
// call expects an object, so it rejects the real server's answer the same way (the emulator follows the server).
await call(
  "core:ApiClient.getRunMetadata (the server's packet string -> ApiSchemaValidationError)",
  () => api.getRunMetadata(detailHandle.id),
  { expectError: ApiSchemaValidationError }
);
await call("core:ApiClient.addTags", () => api.addTags(detailHandle.id, { tags: ["late-tag", "user:123"] }), {
  verify: async (result) => {
    check(result.message === "Successfully set 2 new tags.", `message, got ${result.message}`);
    const run = await runs.retrieve(detailHandle.id);
    check(JSON.stringify(run.tags) === JSON.stringify(["conformance", "late-tag", "user:123"]), `tags, got ${JSON.stringify(run.tags)}`);
  },
});
await call("core:ApiClient.addTags (11 tags -> UnprocessableEntityError)", () => api.addTags(detailHandle.id, { tags: ["a", "b", "c", "d", "e", "f", "g", "h"] }), {
  expectError: UnprocessableEntityError,
});
await call("core:ApiClient.listRunEvents", () => api.listRunEvents(plainHandle.id), {
  verify: (result) => check(result.events.length >= 1 && result.events[0].level === "TRACE", `events, got ${JSON.stringify(result.events)}`),
});
const trace = await call("core:ApiClient.retrieveRunTrace", () => api.retrieveRunTrace(plainHandle.id), {
  verify: (result) => {
    check(result.trace.rootSpan.runId === plainHandle.id, "the run's root span");
    check(result.trace.rootSpan.data.startTime instanceof Date, "startTime a Date");
  },
});
await call("core:ApiClient.retrieveSpan", () => api.retrieveSpan(plainHandle.id, trace?.trace.rootSpan.id ?? "0"), {
  verify: (span) => check(span.spanId === trace?.trace.rootSpan.id && span.parentId === null && span.level === "TRACE", `span, got ${JSON.stringify(span)}`),
});

// --- payloads in object storage, and the older batch routes ------------------------------------------

const bigPayload = { blob: "x".repeat(140_000) };
const bigHandle = await call("tasks.trigger (payload >= 128KiB is offloaded)", () => tasks.trigger(TASK, bigPayload), {
  verify: async (handle) => {
    const recorded = await (await fetch(`${baseURL}/__emulator/requests`)).json();
    const uploads = recorded.filter((r) => r.method === "PUT" && r.path.startsWith("/api/v2/packets/trigger/"));
    check(uploads.length === 1, `one upload URL requested, got ${uploads.length}`);
    check(recorded.some((r) => r.method === "PUT" && r.path.startsWith("/_storage/packets/")), "the packet uploaded");
    check(handle.id.startsWith("run_"), `run id, got ${handle.id}`);
  },
});
await call(
  "runs.retrieve (payload/output via presigned URLs)",
  () => retrieveUntil(bigHandle.id, (run) => run.isCompleted),
  {
    verify: (run) => {
      check(run.payload?.blob?.length === 140_000, "the payload downloaded from its presigned URL");
      check(run.output?.echo?.blob?.length === 140_000, "the output (128 KiB or more) downloaded too");
      check(typeof run.payloadPresignedUrl === "string" && typeof run.outputPresignedUrl === "string", "both URLs");
    },
  }
);
await call("core:ApiClient.getBatchResults", () => api.getBatchResults(tasksBatch.batchId), {
  verify: (result) => check(result.id === tasksBatch.batchId && Array.isArray(result.items), `results, got ${JSON.stringify(result)}`),
});
await call(
  "core:ApiClient.batchTriggerV3 (legacy POST /api/v2/tasks/batch)",
  () => api.batchTriggerV3({ items: [{ task: TASK, payload: { n: 1 }, options: { tags: ["v3"] } }] }, { processingStrategy: "parallel" }),
  {
    verify: async (result) => {
      check(result.id.startsWith("batch_") && result.runCount === 1, `id and runCount, got ${JSON.stringify(result)}`);
      const created = await batch.retrieve(result.id);
      check(created.runs.length === 1, "one run");
      const run = await retrieveUntil(created.runs[0], (r) => r.isCompleted);
      check(run.output?.echo?.n === 1 && JSON.stringify(run.tags) === JSON.stringify(["v3"]), "the item ran with its tags");
    },
  }
);

// --- realtime -----------------------------------------------------------------------------------------
// Runs prepared by the test: a completed run, a QUEUED run of a task without a handler (moved along
// here through the control API), two completed runs with a unique tag, a completed batch of three, and two
// runs that wrote {"delta": …} parts and wait for the input stream "approval" (one triggered for v2
// streams, one for v1). The SDK's subscriptions only end 30 s after a run finishes (stopOnCompletion), so
// each loop breaks as soon as it has seen what it waits for.

const rt = {
  done: process.env.CONFORMANCE_RT_DONE,
  manual: process.env.CONFORMANCE_RT_MANUAL,
  tag: process.env.CONFORMANCE_RT_TAG,
  batch: process.env.CONFORMANCE_RT_BATCH,
  streamV2: process.env.CONFORMANCE_RT_STREAM_V2,
  streamV1: process.env.CONFORMANCE_RT_STREAM_V1,
};

// Test set-up only (not an SDK call): force a run's status through the emulator's control API.
async function setStatus(runId, status) {
  const response = await fetch(`${baseURL}/__emulator/runs/${runId}/status`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status }),
  });
  if (response.status !== 200) {
    throw new Error(`could not set the status: ${response.status} ${await response.text()}`);
  }
}

function runView(run) {
  return {
    id: run.id,
    status: run.status,
    taskIdentifier: run.taskIdentifier,
    output: run.output ?? null,
    payload: run.payload ?? null,
    tags: run.tags,
    metadata: run.metadata ?? null,
    isCompleted: run.isCompleted,
    isSuccess: run.isSuccess,
    isFailed: run.isFailed,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    durationMs: run.durationMs,
    realtimeStreams: run.realtimeStreams,
  };
}

async function collect(iterable, until) {
  const items = [];
  for await (const item of iterable) {
    items.push(item);
    if (until(item, items)) {
      break;
    }
  }
  return items;
}

await call(
  "runs.subscribeToRun",
  () => collect(runs.subscribeToRun(rt.done), (run) => Boolean(run.finishedAt)),
  {
    verify: (updates) => check(updates.length === 1 && updates[0].status === "COMPLETED", `one COMPLETED update, got ${updates.map((r) => r.status)}`),
    data: (updates) => updates.map(runView),
  }
);

await call(
  "runs.subscribeToRun (live: QUEUED, EXECUTING, COMPLETED)",
  () =>
    collect(runs.subscribeToRun(rt.manual), (run) => {
      if (run.status === "QUEUED") setStatus(rt.manual, "EXECUTING");
      if (run.status === "EXECUTING") setStatus(rt.manual, "COMPLETED");
      return Boolean(run.finishedAt);
    }),
  {
    verify: (updates) => check(updates.map((r) => r.status).join() === "QUEUED,EXECUTING,COMPLETED", `statuses ${updates.map((r) => r.status)}`),
    data: (updates) => updates.map((run) => run.status),
  }
);

await call(
  "runs.subscribeToRun (skipColumns)",
  () => collect(runs.subscribeToRun(rt.done, { skipColumns: ["payload", "output"] }), (run) => Boolean(run.finishedAt)),
  { verify: (updates) => check(updates[0].output === undefined && updates[0].payload === undefined, "payload and output skipped") }
);

await call(
  "runs.subscribeToRunsWithTag",
  () => {
    const finished = new Set();
    return collect(runs.subscribeToRunsWithTag(rt.tag, { createdAt: "2h" }), (run) => {
      if (run.isCompleted) finished.add(run.id);
      return finished.size === 2;
    });
  },
  {
    verify: (updates) => check(updates.every((run) => run.tags.includes(rt.tag)), "every run has the tag"),
    data: (updates) => updates.map(runView),
  }
);

await call(
  "runs.subscribeToBatch",
  () => {
    const finished = new Set();
    return collect(runs.subscribeToBatch(rt.batch), (run) => {
      if (run.isCompleted) finished.add(run.id);
      return finished.size === 3;
    });
  },
  {
    verify: (updates) => check(new Set(updates.map((run) => run.id)).size === 3, "three runs"),
    data: (updates) => updates.map(runView),
  }
);

await call("streams.input(...).send", () => streams.input({ id: "approval" }).send(rt.streamV2, { approved: true }));

await call(
  "runs.fetchStream",
  async () => collect(await runs.fetchStream(rt.streamV2, "default"), () => false),
  {
    verify: (parts) => check(parts.length === 4 && parts[3].approval?.approved === true, `four parts, got ${JSON.stringify(parts)}`),
    data: (parts) => parts,
  }
);

await call(
  "streams.read (key, timeoutInSeconds)",
  async () => collect(await streams.read(rt.streamV2, "progress", { timeoutInSeconds: 5 }), () => false),
  { verify: (parts) => check(parts.length === 1 && parts[0] === 100, `[100], got ${JSON.stringify(parts)}`), data: (parts) => parts }
);

await call(
  "streams.read (startIndex)",
  async () => collect(await streams.read(rt.streamV2, { startIndex: 2 }), () => false),
  { verify: (parts) => check(parts.length === 2, `two parts, got ${JSON.stringify(parts)}`), data: (parts) => parts }
);

await call("streams.input(...).send (v1 run)", () => streams.input({ id: "approval" }).send(rt.streamV1, { approved: false }));

await call(
  "streams.read (v1 framing)",
  async () => collect(await streams.read(rt.streamV1), () => false),
  { verify: (parts) => check(parts.length === 4 && parts[3].approval?.approved === false, `four parts, got ${JSON.stringify(parts)}`), data: (parts) => parts }
);

await call(
  "streams.input(...).send (finished run -> error)",
  () => streams.input({ id: "approval" }).send(rt.done, { late: true }),
  { expectError: BadRequestError, verify: (error) => check(error.status === 400, `status 400, got ${error.status}`) }
);

await missingRun;

const failed = report.filter((entry) => !entry.ok);
console.log(
  JSON.stringify(
    {
      sdk: "@trigger.dev/sdk",
      baseURL,
      calls: report.length,
      ok: report.length - failed.length,
      failed: failed.length,
      ms: Date.now() - started,
      results: report,
    },
    null,
    2
  )
);
process.exit(failed.length === 0 ? 0 : 1);
