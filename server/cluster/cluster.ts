import type pg from "pg";
import type { CollabOptions } from "../collab/collab-server";
import type { DocStorage } from "../collab/storage";
import type { Fence } from "../postgres/doc-storage";
import { PostgresLeases } from "../postgres/leases";
import { AccessEvents, type AccessEvent } from "./access-events";
import { Forwarding } from "./forwarding";

export interface ClusterOptions {
  /** The database every process shares, for its LISTEN connection. */
  databaseUrl: string;
  /** This process's address as the others reach it (`ws://host:port`); known once it listens. */
  address: () => string;
  leaseTtlMs: number;
  /** Shared by every process (the session secret is): signs forwarded clients. */
  secret: string;
}

/**
 * What running as one of several processes on one PostgreSQL database adds
 * to the collaboration server: leases that make one process the owner of
 * each loaded document, writes fenced by them, and relays from the others to
 * the owner.
 */
export class Cluster {
  readonly leases: PostgresLeases;
  readonly forwarding: Forwarding;
  /** Sign-outs and team changes, told to every process. */
  readonly access: AccessEvents;
  private applyAccess: (event: AccessEvent) => void = () => undefined;

  constructor(pool: pg.Pool, options: ClusterOptions) {
    this.access = new AccessEvents(options.databaseUrl, pool, (event) => this.applyAccess(event));
    this.leases = new PostgresLeases(pool, { address: options.address, ttlMs: options.leaseTtlMs });
    this.forwarding = new Forwarding(options.secret, (documentId, owner) => this.leases.expire(documentId, owner));
  }

  /** Starts listening for access changes; `apply` closes what this process holds for them. */
  async start(apply: (event: AccessEvent) => void): Promise<void> {
    this.applyAccess = apply;
    await this.access.start();
  }

  /** The storage, fenced by this process's leases. */
  storage(docStorage: (fence: Fence) => DocStorage): DocStorage {
    return docStorage(this.leases);
  }

  collabOptions(): Pick<CollabOptions, "ownership" | "forward" | "forwardChange"> {
    return {
      ownership: this.leases,
      forward: (ws, ctx, owner, waiting) => this.forwarding.relay(ws, ctx, owner, waiting),
      forwardChange: (owner, { documentId, accountId, userId }, update) =>
        this.forwarding.sendChange(
          owner,
          {
            documentId,
            accountId,
            userId,
            // Not a person's connection: no session to end, no cursor to show.
            sessionId: "",
            readOnly: false,
            wantsAcks: true,
            identity: { userId, name: "", department: "", color: "" },
          },
          update,
        ),
    };
  }

  /** After the collab server closed (its documents compacted): relays end, leases are given back. */
  async close(): Promise<void> {
    this.forwarding.close();
    await this.access.close();
    await this.leases.close();
  }
}
