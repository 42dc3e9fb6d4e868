import { afterAll, afterEach } from "vitest";

/**
 * Fails the test during which a promise was rejected with nobody handling it.
 *
 * What Vitest 4 (4.1) does on its own, checked: it records the rejection,
 * prints "Unhandled Rejection" after the run and exits with status 1 — but
 * every test still shows as passed, and the report only guesses which test
 * was running. Servers under test run in the test's process, so a
 * fire-and-forget promise of ours (the collab server, the team hub, an
 * adapter) that rejects lands here: the test that caused it fails, by name,
 * with the reason. Rejections after a file's last test fail its afterAll.
 */
const KEY = Symbol.for("keyroom.unhandledRejections");
type Registry = { reasons: unknown[] };
const scope = globalThis as typeof globalThis & { [KEY]?: Registry };

// One listener per process, however many test files the worker runs.
const registry: Registry = scope[KEY] ?? { reasons: [] };
if (!scope[KEY]) {
  scope[KEY] = registry;
  process.on("unhandledRejection", (reason) => registry.reasons.push(reason));
}

async function failOnUnhandled(): Promise<void> {
  // Node reports a rejection once the microtask queue is empty: let it.
  await new Promise((resolve) => setImmediate(resolve));
  if (registry.reasons.length === 0) return;
  const reasons = registry.reasons.splice(0).map((reason) => (reason instanceof Error ? reason.stack : String(reason)));
  throw new Error(`unhandled promise rejection:\n${reasons.join("\n")}`);
}

afterEach(failOnUnhandled);
afterAll(failOnUnhandled);
