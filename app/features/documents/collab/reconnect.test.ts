import { describe, expect, it } from "vitest";
import { CloseCode, isRetryableClose } from "../../../../server/collab/wire/close-codes";
import { ReconnectBackoff, type BackoffOptions } from "./reconnect";

const OPTIONS = { baseMs: 1_000, capMs: 15_000, stableMs: 5_000 };
const RETRYABLE = [1005, 1006, 1011, 1012, 1013, 4429, 4503, 4509, 4999];
const FINAL = [1009, 4400, 4401, 4403, 4404, 4410, 4413];

/** A deterministic stand-in for Math.random: a fixed sequence, repeated. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

function backoff(random: BackoffOptions["random"]) {
  return new ReconnectBackoff({ ...OPTIONS, random });
}

function delay(b: ReconnectBackoff, code: number, now = 0): number {
  const decision = b.closed(code, now);
  if (decision.kind !== "retry") throw new Error(`expected a retry after ${code}`);
  return decision.delayMs;
}

describe("reconnect backoff", () => {
  it("never reconnects after a final close, however often it is asked", () => {
    for (const code of FINAL) {
      expect(isRetryableClose(code), String(code)).toBe(false);
      const b = backoff(Math.random);
      for (let i = 0; i < 3; i++) expect(b.closed(code, i)).toEqual({ kind: "final" });
    }
  });

  it("reconnects after every retryable close, 4429 and the project's 45xx included", () => {
    for (const code of RETRYABLE) {
      expect(backoff(() => 0.5).closed(code, 0), String(code)).toEqual({ kind: "retry", delayMs: 500 });
    }
  });

  it("doubles the ceiling per failed attempt up to the cap", () => {
    const b = backoff(() => 0.999_999);
    const delays = Array.from({ length: 8 }, () => delay(b, CloseCode.TryAgainLater));
    expect(delays).toEqual([999, 1_999, 3_999, 7_999, 14_999, 14_999, 14_999, 14_999]);
  });

  it("draws full jitter: every wait is within [0, ceiling), and the spread covers it", () => {
    const b = backoff(Math.random);
    const seen: number[] = [];
    for (let attempt = 0; attempt < 2_000; attempt++) {
      const ceiling = b.ceiling();
      const wait = delay(b, CloseCode.Abnormal);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(ceiling);
      if (ceiling === OPTIONS.capMs) seen.push(wait);
    }
    // Not all at the ceiling (plain exponential backoff) nor all near 0: spread over the range.
    expect(Math.min(...seen)).toBeLessThan(OPTIONS.capMs * 0.1);
    expect(Math.max(...seen)).toBeGreaterThan(OPTIONS.capMs * 0.9);
  });

  it("goes on growing when each connection syncs and is closed again at once", () => {
    const b = backoff(() => 0.999_999);
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 5; i++) {
      b.synced(now);
      now += 100;
      delays.push(delay(b, CloseCode.RateLimited, now));
      now += delays[delays.length - 1];
    }
    expect(delays).toEqual([999, 1_999, 3_999, 7_999, 14_999]);
  });

  it("starts again from the base after a connection stayed synced", () => {
    const b = backoff(sequence(0.999_999));
    for (let i = 0; i < 6; i++) delay(b, CloseCode.ServiceRestart);
    expect(b.ceiling()).toBe(OPTIONS.capMs);
    b.synced(10_000);
    expect(delay(b, CloseCode.ServiceRestart, 10_000 + OPTIONS.stableMs)).toBe(999);
    expect(b.ceiling()).toBe(2_000);
  });

  it("a final close after retries is still final", () => {
    const b = backoff(() => 0.3);
    delay(b, CloseCode.Resync);
    delay(b, CloseCode.StorageUnavailable);
    expect(b.closed(CloseCode.Forbidden, 0)).toEqual({ kind: "final" });
  });
});
