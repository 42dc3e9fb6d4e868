import { log } from "../lib/logger";

/** SQLSTATE classes and codes of a server going away or not up yet (restart, failover), not of a wrong statement. */
const UNREACHABLE_STATE = /^(08|57P0[1-3])/;
const UNREACHABLE_ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);

/** PostgreSQL could not be reached, or went away in the middle of the statement. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNREACHABLE_ERRNO.has(code) || UNREACHABLE_STATE.test(code))) return true;
  // pg's own words when the socket closes under a query, or a new connection is not answered in time.
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(error.message);
}

const FIRST_WAIT_MS = 100;
const LONGEST_WAIT_MS = 2_000;

/**
 * Runs `write`, and again with growing pauses while PostgreSQL is
 * unreachable, for up to `patienceMs`. During a restart the writer queue
 * waits instead of failing: documents stay open, their clients see "saving…"
 * until the write goes through, then "saved". A write whose connection broke
 * after its commit is written twice; for updates that is harmless (applying a
 * Yjs update again changes nothing).
 */
export async function patientlyWhileUnreachable<T>(
  what: string,
  patienceMs: number,
  write: () => Promise<T>,
): Promise<T> {
  const giveUpAt = Date.now() + patienceMs;
  let wait = FIRST_WAIT_MS;
  let waited = false;
  for (;;) {
    try {
      const result = await write();
      if (waited) log.info("postgres: reachable again; writes resume", { what });
      return result;
    } catch (error) {
      if (!isUnreachable(error) || Date.now() + wait > giveUpAt) throw error;
      if (!waited) log.warn("postgres: unreachable; writes wait", { what, error: String(error) });
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    }
  }
}
