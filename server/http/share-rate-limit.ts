import type express from "express";
import { TokenBucket } from "../lib/rate-limiter";

/** Pages a client address may open behind share links: a burst, then one every two seconds. */
const BURST = 20;
const PER_SECOND = 0.5;
const SWEEP_MS = 60_000;

/**
 * Share links are public pages (`/s/<token>`): each client address gets a
 * small budget, so guessing tokens (192 random bits already) is slow too, and
 * a busy visitor cannot load the database. Past it: 429 with Retry-After.
 */
export function limitSharedPages(): express.RequestHandler {
  const buckets = new Map<string, TokenBucket>();
  // Full buckets hold nothing worth keeping: dropping them keeps the map as small as the traffic.
  setInterval(() => {
    for (const [address, bucket] of buckets) if (bucket.msUntilFull() === 0) buckets.delete(address);
  }, SWEEP_MS).unref();
  return (req, res, next) => {
    const address = req.ip ?? "unknown";
    let bucket = buckets.get(address);
    if (!bucket) {
      bucket = new TokenBucket(PER_SECOND, BURST);
      buckets.set(address, bucket);
    }
    if (bucket.take()) return next();
    res.setHeader("Retry-After", String(Math.ceil(bucket.msUntilToken() / 1000)));
    res.status(429).type("text/plain").send("Too many requests");
  };
}
