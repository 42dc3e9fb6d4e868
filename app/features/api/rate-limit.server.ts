import { UserBuckets } from "../../../server/lib/rate-limiter";

/** Per token: 10 requests a second sustained, bursts of 60. Per process, like the hub's limits. */
export const API_RATE = { perSecond: 10, burst: 60 } as const;

const buckets = new UserBuckets(API_RATE.perSecond, API_RATE.burst);

/** Takes one request from the token's bucket: 0 when allowed, else the seconds to wait. */
export function takeRequest(tokenId: string): number {
  const bucket = buckets.acquire(tokenId);
  try {
    return bucket.take() ? 0 : Math.max(1, Math.ceil(bucket.msUntilToken() / 1000));
  } finally {
    // Released at once: the bucket lingers until full again, so no fresh burst by waiting briefly.
    buckets.release(tokenId);
  }
}
