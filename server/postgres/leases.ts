import type pg from "pg";
import { log } from "../lib/logger";
import type { Claim, DocOwnership } from "../collab/ownership";

/** The database's clock, in the form Prisma stores DateTime in (UTC, no zone). */
const NOW = `(now() AT TIME ZONE 'UTC')`;

export interface LeaseOptions {
  /** This process's internal address (`ws://host:port`), where others forward clients; known once it listens. */
  address: () => string;
  /** How long a lease lasts without renewal: a dead owner's documents wait this long for a new one. */
  ttlMs: number;
}

/**
 * Document ownership as lease rows in PostgreSQL (`DocLease`: document, owner,
 * epoch, expiry). Taking a lease raises its epoch; the owner renews what it
 * holds every third of the lease; every write of the owner checks its epoch
 * in the same statement (`epochOf`, server/postgres/doc-storage.ts), so a
 * process that was paused or cut off past its lease cannot write once another
 * has taken over (fencing). PostgreSQL does the arbitration: no consensus of
 * our own.
 */
export class PostgresLeases implements DocOwnership {
  private readonly epochs = new Map<string, number>();
  private readonly lostListeners: Array<(documentId: string) => void> = [];
  private readonly renewal: NodeJS.Timeout;
  private renewing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: LeaseOptions,
  ) {
    this.renewal = setInterval(() => void this.renew(), Math.max(50, Math.floor(options.ttlMs / 3)));
    this.renewal.unref();
  }

  /** The epoch this process holds the document's lease at, if it does. */
  epochOf(documentId: string): number | undefined {
    return this.epochs.get(documentId);
  }

  async claim(documentId: string): Promise<Claim> {
    // A lease gone between the two statements is simply tried again.
    for (let attempt = 0; attempt < 3; attempt++) {
      // Free, expired, or held by an earlier run of this same address (which
      // is dead: two processes cannot listen on one address).
      const taken = await this.pool.query<{ epoch: number }>({
        name: "keyroom-lease-claim",
        text: `INSERT INTO "DocLease" ("documentId", "owner", "epoch", "expiresAt")
               VALUES ($1, $2, 1, ${NOW} + $3 * interval '1 millisecond')
               ON CONFLICT ("documentId") DO UPDATE SET
                 "owner" = excluded."owner", "epoch" = "DocLease"."epoch" + 1, "expiresAt" = excluded."expiresAt"
               WHERE "DocLease"."expiresAt" < ${NOW} OR "DocLease"."owner" = excluded."owner"
               RETURNING "epoch"`,
        values: [documentId, this.options.address(), this.options.ttlMs],
      });
      if (taken.rows[0]) {
        this.epochs.set(documentId, taken.rows[0].epoch);
        return { owned: true };
      }
      const holder = await this.pool.query<{ owner: string }>({
        name: "keyroom-lease-holder",
        text: `SELECT "owner" FROM "DocLease" WHERE "documentId" = $1 AND "expiresAt" >= ${NOW}`,
        values: [documentId],
      });
      if (holder.rows[0]) return { owned: false, owner: holder.rows[0].owner };
    }
    throw new Error(`the lease of document ${documentId} kept changing hands`);
  }

  async release(documentId: string): Promise<void> {
    const epoch = this.epochs.get(documentId);
    if (epoch === undefined) return;
    this.epochs.delete(documentId);
    await this.pool.query({
      name: "keyroom-lease-release",
      text: `DELETE FROM "DocLease" WHERE "documentId" = $1 AND "epoch" = $2`,
      values: [documentId, epoch],
    });
  }

  /**
   * Ends `owner`'s lease of the document now, instead of at its expiry: the
   * owner is known dead (its address refuses connections). Were it alive after
   * all, its next write would fail the epoch check like any fenced write.
   */
  async expire(documentId: string, owner: string): Promise<void> {
    await this.pool.query({
      name: "keyroom-lease-expire",
      text: `UPDATE "DocLease" SET "expiresAt" = ${NOW} WHERE "documentId" = $1 AND "owner" = $2 AND "expiresAt" > ${NOW}`,
      values: [documentId, owner],
    });
  }

  onLost(listener: (documentId: string) => void): void {
    this.lostListeners.push(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.renewal);
    const held = [...this.epochs.keys()];
    await Promise.all(held.map((id) => this.release(id).catch(() => undefined)));
  }

  /**
   * Extends every lease still held at its epoch. One not extended was taken
   * over: the document is dropped here, and its clients reconnect to the new
   * owner. If PostgreSQL cannot be reached, nothing is decided: nobody else
   * can take a lease then either, and writes fail on their own.
   */
  private async renew(): Promise<void> {
    if (this.renewing || this.epochs.size === 0) return;
    this.renewing = true;
    const held = new Map(this.epochs);
    try {
      const renewed = await this.pool.query<{ documentId: string }>({
        name: "keyroom-lease-renew",
        text: `UPDATE "DocLease" SET "expiresAt" = ${NOW} + $3 * interval '1 millisecond'
               FROM unnest($1::text[], $2::int[]) AS l("documentId", "epoch")
               WHERE "DocLease"."documentId" = l."documentId" AND "DocLease"."epoch" = l."epoch"
               RETURNING "DocLease"."documentId"`,
        values: [[...held.keys()], [...held.values()], this.options.ttlMs],
      });
      const kept = new Set(renewed.rows.map((row) => row.documentId));
      for (const [documentId, epoch] of held) {
        // Released (or re-claimed) while the renewal ran: not a loss.
        if (kept.has(documentId) || this.epochs.get(documentId) !== epoch) continue;
        this.epochs.delete(documentId);
        log.warn("cluster: lease lost to another process; document dropped here", { documentId });
        for (const listener of this.lostListeners) listener(documentId);
      }
    } catch (error) {
      log.warn("cluster: lease renewal failed; retrying", { error: String(error) });
    } finally {
      this.renewing = false;
    }
  }
}

/** Raised by a write whose lease was taken over: nothing of it was stored. */
export class FencedError extends Error {
  constructor(readonly documentIds: readonly string[]) {
    super(`fenced: the lease of ${documentIds.join(", ")} is held by another process`);
  }
}
