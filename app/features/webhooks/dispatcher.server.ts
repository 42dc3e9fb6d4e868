// Sends queued webhook deliveries, retrying with backoff; several processes share the queue.
import type { Db } from "~/utils/db.server";
import { log } from "../../../server/lib/logger";
import { announceOverdueActions } from "./overdue-scan.server";
import { signatureHeader } from "./signature.server";

/** Waits after the 1st, 2nd… failed attempt, in units of the base (10 s: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h). */
const BACKOFF_STEPS = [1, 6, 30, 180, 720, 2160];
const MAX_ERROR_CHARS = 200;

export interface DispatcherOptions {
  /** How often the queue is read (default 1 s). */
  pollMs?: number;
  /** The first retry's wait; later ones grow from it (default 10 s). */
  retryBaseMs?: number;
  /** Attempts before a delivery is marked failed (default 7: the first and six retries). */
  maxAttempts?: number;
  /** How long an endpoint may take to answer (default 10 s). */
  timeoutMs?: number;
  /** How often overdue action items are looked for (default 60 s). */
  overdueScanMs?: number;
  /** Links in overdue payloads are absolute with it. */
  publicUrl?: string;
  /** How long sent and failed deliveries stay on the admin's page before they are deleted (default 30 days). */
  keepDeliveriesMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the delivery is tried again after `attempts` failures, or null when it has had all its attempts. */
export function nextRetryAt(attempts: number, now: number, baseMs: number, maxAttempts: number): Date | null {
  if (attempts >= maxAttempts) return null;
  const step = BACKOFF_STEPS[Math.min(attempts, BACKOFF_STEPS.length) - 1] ?? 1;
  return new Date(now + step * baseMs);
}

/**
 * Reads pending deliveries whose time has come, claims each with a
 * conditional update (so of several processes on one PostgreSQL only one
 * sends it) and POSTs it. The claim pushes `nextAttemptAt` past the timeout:
 * a process that dies mid-send leaves the row to be retried by another after
 * that lease, and deliveries kept in the table survive restarts.
 */
export class WebhookDispatcher {
  private readonly pollMs: number;
  private readonly retryBaseMs: number;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly overdueScanMs: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private scanning: Promise<unknown> | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: DispatcherOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1_000;
    this.retryBaseMs = options.retryBaseMs ?? 10_000;
    this.maxAttempts = options.maxAttempts ?? 7;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.overdueScanMs = options.overdueScanMs ?? 60_000;
  }

  start(): void {
    const poll = setInterval(() => void this.runOnce(), this.pollMs);
    const scan = setInterval(() => void this.scanOverdue(), this.overdueScanMs);
    poll.unref();
    scan.unref();
    this.timers.push(poll, scan);
  }

  /** Stops polling and abandons sends in flight: their rows keep their lease and are retried after it. */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.abort.abort();
    await Promise.allSettled([this.running, this.scanning]);
  }

  /** One pass over the due deliveries (a pass still running is not doubled). */
  runOnce(): Promise<void> {
    this.running ??= this.sendDue()
      .catch((error: unknown) => log.error("webhooks: dispatch failed", { error: String(error) }))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** The periodic chores: announce overdue action items, and forget old finished deliveries. */
  scanOverdue(): Promise<unknown> {
    this.scanning ??= Promise.all([
      announceOverdueActions({ db: this.db, publicUrl: this.options.publicUrl }),
      this.pruneDeliveries(),
    ])
      .catch((error: unknown) => log.error("webhooks: overdue scan failed", { error: String(error) }))
      .finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  /**
   * Deletes delivered and failed deliveries older than the retention: every
   * event leaves a row per endpoint, and without this the table only grows.
   * Pending ones stay whatever their age: they are still owed.
   */
  async pruneDeliveries(now = Date.now()): Promise<number> {
    const before = new Date(now - (this.options.keepDeliveriesMs ?? 30 * DAY_MS));
    const { count } = await this.db.webhookDelivery.deleteMany({
      where: { status: { in: ["delivered", "failed"] }, createdAt: { lt: before } },
    });
    return count;
  }

  private async sendDue(): Promise<void> {
    const due = await this.db.webhookDelivery.findMany({
      where: { status: "pending", nextAttemptAt: { lte: new Date() } },
      orderBy: { nextAttemptAt: "asc" },
      take: 20,
      select: { id: true, nextAttemptAt: true },
    });
    for (const row of due) {
      if (this.abort.signal.aborted) return;
      if (row.nextAttemptAt && (await this.claim(row.id, row.nextAttemptAt))) await this.send(row.id);
    }
  }

  /** Ours when the row still has the time we read: another process claiming it first changed it. */
  private async claim(id: string, seen: Date): Promise<boolean> {
    const lease = new Date(Date.now() + this.timeoutMs + 30_000);
    const { count } = await this.db.webhookDelivery.updateMany({
      where: { id, status: "pending", nextAttemptAt: seen },
      data: { nextAttemptAt: lease },
    });
    return count === 1;
  }

  private async send(id: string): Promise<void> {
    const delivery = await this.db.webhookDelivery.findUniqueOrThrow({
      where: { id },
      select: {
        event: true,
        payload: true,
        attempts: true,
        webhook: { select: { url: true, secret: true, active: true } },
      },
    });
    if (!delivery.webhook.active) {
      await this.db.webhookDelivery.update({
        where: { id },
        data: { status: "failed", nextAttemptAt: null, lastError: "endpoint disabled" },
      });
      return;
    }
    const result = await this.post(id, delivery.event, delivery.payload, delivery.webhook);
    if (result === "abandoned") return;
    const attempts = delivery.attempts + 1;
    const now = Date.now();
    if (result.ok) {
      await this.db.webhookDelivery.update({
        where: { id },
        data: {
          status: "delivered",
          attempts,
          nextAttemptAt: null,
          deliveredAt: new Date(now),
          lastStatusCode: result.status,
          lastError: null,
        },
      });
      return;
    }
    const retryAt = nextRetryAt(attempts, now, this.retryBaseMs, this.maxAttempts);
    await this.db.webhookDelivery.update({
      where: { id },
      data: {
        status: retryAt ? "pending" : "failed",
        attempts,
        nextAttemptAt: retryAt,
        lastStatusCode: result.status,
        lastError: result.error.slice(0, MAX_ERROR_CHARS),
      },
    });
  }

  private async post(
    id: string,
    event: string,
    body: string,
    webhook: { url: string; secret: string },
  ): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string } | "abandoned"> {
    const t = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(webhook.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Keyroom-Webhooks/1",
          "Keyroom-Event": event,
          "Keyroom-Delivery": id,
          "Keyroom-Signature": signatureHeader(webhook.secret, body, t),
        },
        body,
        // A redirect is an answer, not a place to send the payload (and its signature) to.
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.abort.signal]),
      });
      if (response.status >= 200 && response.status < 300) {
        await response.body?.cancel();
        return { ok: true, status: response.status };
      }
      const text = await bodyStart(response).catch(() => "");
      return { ok: false, status: response.status, error: `HTTP ${response.status} ${text}`.trim() };
    } catch (error) {
      if (this.abort.signal.aborted) return "abandoned";
      const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : describe(error);
      return { ok: false, status: null, error: reason };
    }
  }
}

/** The start of an error answer, for the admin's page; the rest is never read. */
async function bodyStart(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const { value } = await reader.read();
  await reader.cancel();
  // `stream` leaves out a character the cut splits, instead of ending with U+FFFD.
  return value ? new TextDecoder().decode(value.slice(0, MAX_ERROR_CHARS), { stream: true }) : "";
}

/** Why a request failed, without the stack: fetch puts the network error in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
