import pg from "pg";
import { z } from "zod";
import { log } from "../lib/logger";

/** A change of who may be connected, which every process must apply to the connections it holds. */
export const AccessEvent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sessionEnded"), sessionId: z.string() }),
  z.object({ kind: z.literal("userDeactivated"), userId: z.string() }),
  z.object({ kind: z.literal("accessRevoked"), userId: z.string(), accountId: z.string() }),
  z.object({ kind: z.literal("accessChanged"), userId: z.string(), accountId: z.string() }),
]);
export type AccessEvent = z.infer<typeof AccessEvent>;

const CHANNEL = "keyroom_access";
/** After a lost listening connection, the next try waits this long. */
const RECONNECT_MS = 1_000;

/**
 * Access changes between processes, over PostgreSQL's LISTEN/NOTIFY: a
 * sign-out or a removal from a team handled by one process closes the
 * connections every other process holds (its own clients, and clients it
 * serves for others). On the database, not on Redis: revoking access must not
 * depend on the fan-out being up. A notification sent while a process was
 * cut off from PostgreSQL is missed; the session sweeper and the next
 * reconnect's access check catch up.
 */
export class AccessEvents {
  private listener: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly pool: pg.Pool,
    private readonly apply: (event: AccessEvent) => void,
  ) {}

  /** Resolves once this process listens (a first failure is retried in the background). */
  async start(): Promise<void> {
    await this.listen().catch((error: unknown) => this.listenLater(error));
  }

  /** Tells every process, this one included. */
  async publish(event: AccessEvent): Promise<void> {
    await this.pool.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(event)]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("notification", (message) => {
      const parsed = AccessEvent.safeParse(safeJson(message.payload));
      if (parsed.success) this.apply(parsed.data);
      else log.warn("cluster: unreadable access event", { payload: message.payload?.slice(0, 200) });
    });
    client.on("error", (error) => this.listenLater(error));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private listenLater(error: unknown): void {
    if (this.closed || this.retry) return;
    log.warn("cluster: not listening for access changes; retrying", { error: String(error) });
    this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.closed) this.listen().catch((failure: unknown) => this.listenLater(failure));
    }, RECONNECT_MS);
  }
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}
