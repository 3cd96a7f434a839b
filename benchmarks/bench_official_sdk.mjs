// The official Trigger.dev SDK (@trigger.dev/sdk, the version pinned in tests/conformance) timed on the
// same measurements as bench_client.py, against the same kind of server (an emulator process), so the
// README can put the Python client and the TypeScript SDK side by side. Run through scripts/bench.
//
// Environment: TRIGGER_API_URL, TRIGGER_SECRET_KEY (the emulator's). Prints one line per measurement.

import { configure, runs, tasks } from "@trigger.dev/sdk";

configure({ baseURL: process.env.TRIGGER_API_URL, secretKey: process.env.TRIGGER_SECRET_KEY });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function retrieve(repeat = 500) {
  const { id } = await tasks.trigger("bench-none", { n: 1 });
  for (let i = 0; i < 20; i++) await runs.retrieve(id);
  const samples = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await runs.retrieve(id);
    samples.push(performance.now() - start);
  }
  console.log(`runs.retrieve: official SDK ${median(samples).toFixed(2)} ms/call`);
}

async function concurrentTriggers(total = 2000, concurrency = 32) {
  let next = 0;
  const start = performance.now();
  async function worker() {
    while (next < total) {
      const n = next++;
      await tasks.trigger("bench-none", { n });
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  console.log(`${total} triggers at concurrency ${concurrency}: official SDK ${(total / seconds).toFixed(0)}/s`);
}

async function batchTrigger(items = 10000) {
  const start = performance.now();
  for (let offset = 0; offset < items; offset += 1000) {
    const chunk = Array.from({ length: Math.min(1000, items - offset) }, (_, i) => ({ payload: { n: offset + i } }));
    await tasks.batchTrigger("bench-none", chunk);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`batchTrigger of ${items} items (1,000 per call): official SDK ${seconds.toFixed(2)} s (${(items / seconds).toFixed(0)} items/s)`);
}

await retrieve();
await concurrentTriggers();
await batchTrigger();
