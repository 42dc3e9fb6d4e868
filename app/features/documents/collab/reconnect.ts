import { isRetryableClose } from "../../../../server/collab/wire/close-codes";

export interface BackoffOptions {
  /** Ceiling of the first wait; it doubles per failed attempt. */
  baseMs: number;
  /** Largest ceiling, however many attempts failed. */
  capMs: number;
  /** A connection that stayed synced this long counts as a success and resets the backoff. */
  stableMs: number;
  /** Uniform in [0, 1); Math.random in the browser. */
  random: () => number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, "random"> = {
  baseMs: 1_000,
  capMs: 10_000,
  stableMs: 5_000,
};

export type CloseDecision = { kind: "final" } | { kind: "retry"; delayMs: number };

/**
 * When to reconnect after the server closed the socket: exponential backoff
 * with full jitter (a random wait between 0 and the ceiling), so that the
 * editors a restart or an overloaded server dropped do not all come back in
 * the same instant.
 *
 * The backoff resets only after a connection stayed synced for `stableMs`:
 * a server that syncs and then closes at once (a rate limit, a resync that
 * keeps failing) is backed off like one that refuses, instead of being hit
 * again within a second forever.
 */
export class ReconnectBackoff {
  private failures = 0;
  private syncedAt: number | null = null;

  constructor(private readonly options: BackoffOptions) {}

  /** The connection synced at `now` (ms). */
  synced(now: number): void {
    this.syncedAt = now;
  }

  /** The server closed the connection with `code` at `now` (ms). */
  closed(code: number, now: number): CloseDecision {
    if (!isRetryableClose(code)) return { kind: "final" };
    if (this.syncedAt !== null && now - this.syncedAt >= this.options.stableMs) this.failures = 0;
    this.syncedAt = null;
    const ceiling = this.ceiling();
    this.failures++;
    return { kind: "retry", delayMs: Math.floor(this.options.random() * ceiling) };
  }

  /** The current ceiling of the wait (ms), before jitter. */
  ceiling(): number {
    // Bounded exponent: 2 ** 1000 is Infinity, and min(cap, Infinity) would still be fine, but
    // a counter that stops growing cannot overflow either.
    const doublings = Math.min(this.failures, 30);
    return Math.min(this.options.capMs, this.options.baseMs * 2 ** doublings);
  }
}
