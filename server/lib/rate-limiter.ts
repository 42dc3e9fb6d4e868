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
    if (!this.ready()) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether a token is there now, without taking it. */
  ready(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  /** Milliseconds until the next token (0 when one is there). */
  msUntilToken(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.perSecond) * 1000;
  }

  /** Milliseconds until the bucket is full again, when it is as good as a new one. */
  msUntilFull(): number {
    this.refill();
    return ((this.burst - this.tokens) / this.perSecond) * 1000;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

interface UserEntry {
  bucket: TokenBucket;
  holders: number;
  /** Set while nobody holds the bucket: it is dropped once it would be full again. */
  expiry: NodeJS.Timeout | null;
}

/**
 * One bucket per user, shared by all of that user's connections: opening more
 * tabs or sockets does not multiply what one account may send. A bucket
 * outlives its last connection until it has refilled, so closing and
 * reconnecting does not hand out a fresh burst either; after that a new bucket
 * is the same thing, so the map holds only users who were active lately.
 */
export class UserBuckets {
  private readonly buckets = new Map<string, UserEntry>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** The user's bucket; call `release` when the connection holding it ends. */
  acquire(userId: string): TokenBucket {
    const entry = this.buckets.get(userId) ?? {
      bucket: new TokenBucket(this.perSecond, this.burst),
      holders: 0,
      expiry: null,
    };
    if (entry.expiry) clearTimeout(entry.expiry);
    entry.expiry = null;
    entry.holders++;
    this.buckets.set(userId, entry);
    return entry.bucket;
  }

  release(userId: string): void {
    const entry = this.buckets.get(userId);
    if (!entry || --entry.holders > 0) return;
    entry.holders = 0;
    entry.expiry = setTimeout(() => {
      if (this.buckets.get(userId) === entry && entry.holders === 0) this.buckets.delete(userId);
    }, entry.bucket.msUntilFull());
    // A bucket waiting to expire must not keep the process alive.
    entry.expiry.unref();
  }

  /** Users with a bucket (held, or still refilling). */
  get size(): number {
    return this.buckets.size;
  }
}
