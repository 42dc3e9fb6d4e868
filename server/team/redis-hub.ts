import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import type { Namespace } from "socket.io";
import { log } from "../lib/logger";

type RedisClient = ReturnType<typeof createClient>;
type AdapterFactory = ReturnType<typeof createAdapter>;
type StreamsAdapter = ReturnType<AdapterFactory>;
/** A disconnected client's state as saved in Redis: its rooms, its socket data. */
export type SavedSession = Awaited<ReturnType<StreamsAdapter["restoreSession"]>>;

/**
 * How often a node re-reads its Redis connections' health and asks Redis
 * which nodes are subscribed. Presence after a node dies is this late at most,
 * plus the time for its TCP connections to close (at once on a kill: the
 * kernel resets them).
 */
export const NODE_WATCH_MS = 1000;

/** How long a client that lost its connection keeps its rooms and missed events (socket.io recovery). */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

export interface RedisFanOutOptions {
  url: string;
  /** Prefix of every key and channel, so several deployments (or tests) can share one Redis. */
  prefix: string;
  /** Redis became unreachable (false) or reachable again (true). */
  onHealth(healthy: boolean): void;
  /** A node joined or left: presence computed before may list people who are gone. */
  onNodesChanged(): void;
  /**
   * Whether a client may get its saved session back. socket.io restores its
   * rooms and sends the events it missed there before any middleware runs, so
   * a session that ended, or a room its user was removed from meanwhile, is
   * refused here: the client then connects afresh and reloads.
   */
  mayRestore(session: SavedSession): Promise<boolean>;
}

/**
 * The team hub's fan-out between Keyroom processes: socket.io's Redis Streams
 * adapter on the `redis` package. Redis is never the truth (events are stored
 * in the database before they are pushed), so when it is away the hub goes on
 * serving the clients of this node, says so, and catches up when it returns.
 *
 * Which nodes are alive is read from Redis itself rather than from a heartbeat
 * or presence keys with a TTL: the adapter counts nodes by their pub/sub
 * subscriptions (PUBSUB NUMSUB) when it gathers a room's sockets, and Redis
 * drops a killed process's subscriptions as soon as its connection closes. So
 * listing the subscribed channels every second tells a node exactly when the
 * set the adapter answers from changed, and presence is recomputed then: no
 * extra keys to expire, nothing to renew, and the answer cannot disagree with
 * what `fetchSockets` sees. (A node that hangs with its connections open stays
 * listed until TCP gives up; a room's presence then fails to refresh, and the
 * join that asked for it answers "try again", instead of showing wrong people.)
 */
export class RedisFanOut {
  readonly adapter: AdapterFactory;
  private readonly clients: RedisClient[] = [];
  private readonly adapters: { close(): void }[] = [];
  private readonly publisher: RedisClient;
  private readonly timer: NodeJS.Timeout;
  /** "starting" until every connection is up, or one failed, or a watch tick passed. */
  private state: "starting" | "ok" | "degraded" = "starting";
  private nodes: string | undefined;
  private closed = false;

  constructor(private readonly options: RedisFanOutOptions) {
    this.publisher = this.client(true);
    // The adapter makes its subscriber and stream reader with `duplicate()`: made here, so
    // that they queue commands while Redis is away (the reader would otherwise spin).
    this.publisher.duplicate = (() => this.client(false)) as RedisClient["duplicate"];
    neverReject(this.publisher, "publish", 0);
    neverReject(this.publisher, "set", null);
    const factory = createAdapter(this.publisher, {
      streamName: `${options.prefix}:hub`,
      channelPrefix: `${options.prefix}:hub`,
      sessionKeyPrefix: `${options.prefix}:hub:session:`,
      // Short blocking reads, so a closing node's reader stops soon.
      blockTimeInMs: 1000,
    });
    const adapters = this.adapters;
    const mayRestore = (session: SavedSession) => options.mayRestore(session);
    // socket.io calls the adapter option with `new`: a function, not an arrow.
    this.adapter = function (nsp: Namespace) {
      const adapter = factory(nsp);
      const restore = adapter.restoreSession.bind(adapter);
      adapter.restoreSession = async (pid, offset) => {
        const session = await restore(pid, offset);
        if (!(await mayRestore(session))) throw new Error("hub: saved session refused");
        return session;
      };
      adapters.push(adapter);
      return adapter;
    };
    this.publisher
      .connect()
      .catch((error: unknown) => log.error("hub: Redis client not started", { error: String(error) }));
    this.timer = setInterval(() => void this.watch(), NODE_WATCH_MS);
    this.timer.unref();
  }

  /** Whether every connection to Redis is up: until then, pushes and presence stay on this node. */
  get isHealthy(): boolean {
    return this.state === "ok";
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    // Stops the adapter's stream reader first: a reader whose client closed under it would retry at once, forever.
    for (const adapter of this.adapters) adapter.close();
    // The publisher may still be saving the sessions of clients that just dropped: let it finish.
    if (this.publisher.isReady) {
      await Promise.race([this.publisher.close(), new Promise((resolve) => setTimeout(resolve, 1000))]);
    }
    for (const client of this.clients) if (client.isOpen) client.destroy();
  }

  /**
   * The publisher refuses commands at once while disconnected, so a push
   * falls back to this node's clients instead of waiting for Redis; the
   * adapter's subscriber and reader wait for the reconnect instead.
   */
  private client(publisher: boolean): RedisClient {
    const client = createClient({
      url: this.options.url,
      disableOfflineQueue: publisher,
      socket: {
        connectTimeout: 2000,
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 1000),
      },
    });
    client.on("error", () => this.check(true));
    client.on("ready", () => this.check(false));
    if (!publisher) {
      neverReject(client, "subscribe", undefined);
      // The adapter disconnects its clients when it closes, which may be after close() destroyed them.
      client.disconnect = async () => {
        if (client.isOpen) client.destroy();
      };
    }
    this.clients.push(client);
    return client;
  }

  /**
   * Follows the connections' state (the adapter made its clients when it was
   * created, so all are listed); logs and reports each change once. While
   * starting, a client not yet connected is no news unless something failed.
   */
  private check(settled: boolean): void {
    if (this.closed) return;
    const healthy = this.clients.every((client) => client.isReady);
    if (this.state === "starting" && !healthy && !settled) return;
    const state = healthy ? "ok" : "degraded";
    if (state === this.state) return;
    this.state = state;
    this.nodes = undefined;
    if (healthy) log.info("hub: Redis reachable; events and presence reach every node");
    else log.warn("hub: Redis unreachable; serving this node's clients only until it returns");
    this.options.onHealth(healthy);
  }

  private async watch(): Promise<void> {
    this.check(true);
    if (this.state !== "ok") return;
    try {
      const channels = await this.publisher.pubSubChannels(`${this.options.prefix}:hub#/team#*#`);
      const nodes = channels.sort().join(" ");
      const changed = this.nodes !== undefined && nodes !== this.nodes;
      this.nodes = nodes;
      if (changed) this.options.onNodesChanged();
    } catch (error) {
      log.warn("hub: nodes not listed", { error: String(error) });
    }
  }
}

/**
 * The adapter calls a few commands without waiting for them (ephemeral
 * publishes, session saves on disconnect, subscriptions): when Redis is away
 * they would reject with nobody listening, which ends a Node process. They
 * resolve to `fallback` instead; what they carried is lost, and the clients
 * catch up from the database.
 */
function neverReject(client: RedisClient, method: "publish" | "set" | "subscribe", fallback: unknown): void {
  const target = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = target[method].bind(client);
  target[method] = (...args) => {
    try {
      return original(...args).catch((error: unknown) => {
        log.debug("hub: Redis command failed", { command: method, error: String(error) });
        return fallback;
      });
    } catch (error) {
      log.debug("hub: Redis command failed", { command: method, error: String(error) });
      return Promise.resolve(fallback);
    }
  };
}
