import { log } from "../../../server/lib/logger";

/**
 * Failed sign-ins counted per account (email) and per client address over a
 * sliding window: guessing one person's password, or spraying many accounts
 * from one address, is slowed to a trickle. In memory, per process: with
 * several nodes the limits apply per node (a shared store comes with the
 * Redis scale-out).
 */
export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60 * 1000 };
/** Keys remembered at most; the oldest are forgotten first so a flood cannot exhaust memory. */
const MAX_KEYS = 50_000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: ThrottleLimits = DEFAULT_SIGN_IN_LIMITS) {}

  /** Milliseconds until this account may try again from this address; 0 when it may now. */
  retryAfter(email: string, address: string, now = Date.now()): number {
    const wait = (key: string, limit: number) => {
      const times = this.recent(key, now);
      return times.length >= limit ? (times[times.length - limit] ?? now) + this.limits.windowMs - now : 0;
    };
    const ms = Math.max(
      wait(accountKey(email), this.limits.perAccount),
      wait(addressKey(address), this.limits.perAddress),
    );
    if (ms > 0) log.warn("login: throttled", { address });
    return ms;
  }

  failed(email: string, address: string, now = Date.now()): void {
    for (const key of [accountKey(email), addressKey(address)]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.delete(key);
      this.failures.set(key, times);
    }
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** The right password clears that account's count (not the address's). */
  succeeded(email: string): void {
    this.failures.delete(accountKey(email));
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((time) => time > now - this.limits.windowMs);
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
