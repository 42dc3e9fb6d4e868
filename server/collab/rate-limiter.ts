/** A token bucket: `perSecond` sustained, up to `burst` at once. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * One bucket per user, shared by all of that user's connections: opening more
 * tabs or sockets does not multiply what one account may send.
 */
export class UserBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; holders: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** The user's bucket; call `release` when the connection holding it ends. */
  acquire(userId: string): TokenBucket {
    const entry = this.buckets.get(userId) ?? { bucket: new TokenBucket(this.perSecond, this.burst), holders: 0 };
    entry.holders++;
    this.buckets.set(userId, entry);
    return entry.bucket;
  }

  release(userId: string): void {
    const entry = this.buckets.get(userId);
    if (entry && --entry.holders <= 0) this.buckets.delete(userId);
  }
}
