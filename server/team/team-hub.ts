import type http from "node:http";
import type { Cookie } from "@remix-run/node";
import { Server, type Namespace, type ServerOptions, type Socket } from "socket.io";
import type { ZodTypeAny } from "zod";
import { inBackground } from "~/utils/after-commit.server";
import { appendAudit } from "~/features/audit/audit-log.server";
import type { AuditNote } from "~/features/audit/audit-scope.server";
import { listNotificationsSince } from "~/features/notifications/notification.server";
import { findReview } from "~/features/reviews/review.server";
import { followReview, moveReview } from "~/features/reviews/review-session.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { isLocale } from "~/i18n/i18n";
import {
  accountRoom,
  documentRoom,
  HUB_NAMESPACE,
  HubSchemas,
  reviewRoom,
  userRoom,
  type ClientToServerEvents,
  type HubError,
  type PresencePayload,
  type ServerToClientEvents,
} from "~/shared/hub";
import { Limits } from "~/shared/limits";
import type { Db } from "~/utils/db.server";
import { accountAccess } from "~/features/auth/permissions.server";
import type { TeamBroadcast } from "~/utils/services.server";
import { sessionIsLive, userFromCookieHeader } from "~/features/auth/session.server";
import { TokenBucket, UserBuckets } from "../lib/rate-limiter";
import { log } from "../lib/logger";
import { isAllowedOrigin } from "../origin";
import { isPresenceRoom, presenceOf, type PresenceSocket } from "./presence";
import { RECOVERY_WINDOW_MS, RedisFanOut, type SavedSession } from "./redis-hub";
import { forbiddenRooms, leaveForbiddenRooms } from "./room-recheck";
import { memberColor } from "~/shared/member-color";

/** What the hub keeps on each socket. Plain data, so a Redis adapter can carry it between nodes. */
export interface HubSocketData {
  sessionId: string;
  user: { id: string; name: string; department: string; color: string; workspaceRole: string };
  /** The account of each document room the socket is in. */
  docAccounts: Record<string, string>;
  /** The section heading per open document, and when it was reported (the newest tab wins). */
  sections: Record<string, { section: string | null; at: number }>;
}

type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, HubSocketData>;
type HubNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, HubSocketData>;
type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, HubSocketData>;
type Reply = { ok: true } & Record<string, unknown>;
type HubPayload<E extends keyof ClientToServerEvents> = ReturnType<(typeof HubSchemas)[E]["parse"]>;
/** Answers one client event with `run`, once it passed the socket's checks. */
type Handle = <E extends keyof ClientToServerEvents>(event: E, run: (payload: HubPayload<E>) => Promise<Reply>) => void;

export interface TeamHubDeps {
  db: Db;
  sessionCookie: Cookie;
  publicUrl?: string;
  /** socket.io adapter (default: in memory); a cluster one (Redis) can fail any call. */
  adapter?: ServerOptions["adapter"];
  /** Several Keyroom processes: events and presence between them through Redis (replaces `adapter`). */
  redis?: { url: string; prefix: string };
}

/** How the hub's fan-out between processes is doing: none without Redis. */
export type HubHealth = "ok" | "degraded";

/** How long a closing node waits for its clients' sockets to close (and their sessions to be saved). */
const CLOSE_WAIT_MS = 2000;

/** How long presence waits for the other nodes' sockets. */
const PRESENCE_TIMEOUT_MS = 2000;

/** Each socket's own session, so that a sign-out on one node closes its sockets on every node. */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

class HubRefusal extends Error {
  constructor(readonly error: HubError) {
    super(error.message);
  }
}

/**
 * The team hub: socket.io namespace `/team`, authenticated with the session
 * cookie. Sockets join a room per user at once, and account and document rooms
 * on request after an access check. Presence is computed from the sockets in a
 * room (fetchSockets), so it stays right across nodes with a Redis adapter.
 */
export class TeamHub implements TeamBroadcast {
  readonly io: HubServer;
  private readonly nsp: HubNamespace;
  private readonly userBuckets = new UserBuckets(Limits.userHubEventsPerSecond, Limits.userHubEventBurst);
  private readonly fanOut: RedisFanOut | undefined;

  constructor(
    httpServer: http.Server,
    private readonly deps: TeamHubDeps,
  ) {
    this.fanOut =
      deps.redis &&
      new RedisFanOut({
        ...deps.redis,
        onHealth: (healthy) => this.onFanOutHealth(healthy),
        onNodesChanged: () => this.refreshLocalPresence(),
        mayRestore: (session) => this.mayRestore(session),
      });
    this.io = new Server(httpServer, {
      serveClient: false,
      maxHttpBufferSize: Limits.maxHubMessageBytes,
      // The collab server answers every other upgrade path itself.
      destroyUpgrade: false,
      ...(this.fanOut ? clusterOptions(this.fanOut) : deps.adapter ? { adapter: deps.adapter } : {}),
      allowRequest: (req, callback) => {
        const allowed = isAllowedOrigin(req.headers.origin, req.headers.host, deps.publicUrl);
        if (!allowed) log.warn("hub: foreign origin refused", { origin: req.headers.origin });
        callback(null, allowed);
      },
    });
    this.nsp = this.io.of(HUB_NAMESPACE);
    this.nsp.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
    this.nsp.on("connection", (socket) => this.onConnection(socket));
  }

  get clients(): number {
    return this.nsp.sockets.size;
  }

  /** With Redis: "degraded" while it is away (each node serves its own clients). */
  get health(): HubHealth | undefined {
    if (!this.fanOut) return undefined;
    return this.fanOut.isHealthy ? "ok" : "degraded";
  }

  toAccount<E extends keyof ServerToClientEvents>(
    accountId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.push([accountRoom(accountId)], event, args);
  }

  toDocument<E extends keyof ServerToClientEvents>(
    documentId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.push([documentRoom(documentId)], event, args);
  }

  toUser<E extends keyof ServerToClientEvents>(
    userId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.push([userRoom(userId)], event, args);
  }

  toReview<E extends keyof ServerToClientEvents>(
    reviewId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.push([reviewRoom(reviewId)], event, args);
  }

  toMany<E extends keyof ServerToClientEvents>(
    rooms: { accountIds?: string[]; documentIds?: string[]; userIds?: string[]; reviewIds?: string[] },
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    const names = [
      ...(rooms.accountIds ?? []).map(accountRoom),
      ...(rooms.documentIds ?? []).map(documentRoom),
      ...(rooms.userIds ?? []).map(userRoom),
      ...(rooms.reviewIds ?? []).map(reviewRoom),
    ];
    if (names.length > 0) this.push(names, event, args);
  }

  /**
   * Pushes are fire-and-forget: callers have stored the change already, and a
   * client that misses one reloads the same data, so a failing adapter is logged.
   */
  private push<E extends keyof ServerToClientEvents>(
    rooms: string[],
    event: E,
    args: Parameters<ServerToClientEvents[E]>,
  ): void {
    inBackground("hub: push failed", { event, rooms }, () => this.nsp.to(rooms).emit(event, ...args));
  }

  /** Sign-out ends the session's live sockets, not only its cookie: on every node. */
  closeSession(sessionId: string): void {
    for (const socket of this.nsp.sockets.values()) {
      if (socket.data.sessionId === sessionId) socket.disconnect(true);
    }
    if (this.fanOut) this.nsp.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** Disconnects every socket of a user (deactivation), here and, with the fan-out, on every process. */
  closeUser(userId: string): void {
    for (const socket of this.nsp.sockets.values()) {
      if (socket.data.user.id === userId) socket.disconnect(true);
    }
    if (this.fanOut) this.nsp.in(userRoom(userId)).disconnectSockets(true);
  }

  /** Takes a removed member's sockets out of the account's rooms and tells them. */
  async revokeAccount(userId: string, accountId: string): Promise<void> {
    const [documents, reviews] = await Promise.all([
      this.deps.db.document.findMany({ where: { accountId }, select: { id: true } }),
      this.deps.db.review.findMany({ where: { accountId }, select: { id: true } }),
    ]);
    const rooms = [
      accountRoom(accountId),
      ...documents.map((doc) => documentRoom(doc.id)),
      ...reviews.map((review) => reviewRoom(review.id)),
    ];
    // The removal is stored already: a failing adapter must not fail it, nor leave the member listening.
    let touched: string[] = rooms;
    try {
      const sockets = await this.nsp.in(userRoom(userId)).fetchSockets();
      touched = rooms.filter((room) => sockets.some((socket) => socket.rooms.has(room)));
    } catch (error) {
      log.error("hub: revoked member's rooms not listed", { userId, accountId, error: String(error) });
    }
    try {
      this.nsp.in(userRoom(userId)).socketsLeave(rooms);
    } catch (error) {
      log.error("hub: revoked member not taken out of rooms; closing their sockets here", {
        userId,
        accountId,
        error: String(error),
      });
      for (const socket of this.nsp.sockets.values()) {
        if (socket.data.user.id === userId) socket.disconnect(true);
      }
    }
    this.toUser(userId, "access:revoked", { accountId });
    for (const room of touched) this.refreshPresence(room);
  }

  async close(): Promise<void> {
    // With other nodes, clients only lose their transport: they reconnect (to another node)
    // and recover their rooms there; told "disconnected", they would not reconnect at all.
    if (!this.fanOut) this.nsp.local.disconnectSockets(true);
    // io.close() would also close the HTTP server, which app.ts owns.
    this.io.engine.close();
    if (!this.fanOut) return;
    // Each dropped client's session is saved in Redis as its socket closes: wait for them (briefly).
    const deadline = Date.now() + CLOSE_WAIT_MS;
    while (this.nsp.sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.fanOut.close();
  }

  private get workflow() {
    return { db: this.deps.db, hub: this };
  }

  private async authenticate(socket: HubSocket): Promise<void> {
    const user = await userFromCookieHeader(this.deps.db, this.deps.sessionCookie, socket.request.headers.cookie);
    if (!user) {
      throw Object.assign(new Error("Sign in first"), { data: { code: 401 } });
    }
    // A recovered socket (Redis) comes back with its rooms and data as they were when it dropped.
    const restored = socket.recovered && socket.data.user.id === user.id ? socket.data : undefined;
    socket.data = {
      sessionId: user.sessionId,
      user: {
        id: user.id,
        name: user.name,
        department: user.department?.key ?? "",
        color: memberColor(user.department),
        workspaceRole: user.workspaceRole,
      },
      docAccounts: restored?.docAccounts ?? {},
      sections: restored?.sections ?? {},
    };
    if (socket.recovered) await this.recheckRooms(socket, user);
  }

  private onConnection(socket: HubSocket): void {
    // An unhandled "error" event would crash the process (CVE-2024-38355).
    socket.on("error", (error) => log.warn("hub: socket error", { userId: socket.data.user.id, error: error.message }));
    this.joinUserRoom(socket);
    const handle = this.eventHandler(socket);
    this.handleAccountEvents(socket, handle);
    this.handleDocumentEvents(socket, handle);
    this.handleReviewEvents(socket, handle);
    this.handleNotificationEvents(socket, handle);
    socket.on("disconnecting", () => this.onDisconnecting(socket));
    if (this.fanOut && !this.fanOut.isHealthy) socket.emit("hub:status", { degraded: true });
    if (socket.recovered) [...socket.rooms].filter(isPresenceRoom).forEach((room) => this.refreshPresence(room));
  }

  private joinUserRoom(socket: HubSocket): void {
    const userId = socket.data.user.id;
    const rooms = this.fanOut ? [userRoom(userId), sessionRoom(socket.data.sessionId)] : userRoom(userId);
    inBackground("hub: user room not joined", { userId }, async () => {
      try {
        await socket.join(rooms);
      } catch (error) {
        // Without its user room the tab would miss its notifications: it reconnects instead.
        socket.disconnect(true);
        throw error;
      }
    });
  }

  /**
   * How the socket's events are answered: rate limited per socket and per
   * user, validated, then run one at a time in arrival order (a quick
   * join-then-leave must end left); a refusal answers with its reason.
   */
  private eventHandler(socket: HubSocket): Handle {
    const bucket = new TokenBucket(Limits.hubEventsPerSecond, Limits.hubEventBurst);
    const userBucket = this.userBuckets.acquire(socket.data.user.id);
    socket.on("disconnect", () => this.userBuckets.release(socket.data.user.id));
    let queue: Promise<unknown> = Promise.resolve();
    return (event, run) => {
      const schema: ZodTypeAny = HubSchemas[event];
      socket.on(event, ((raw: unknown, ack: unknown) => {
        const reply = typeof ack === "function" ? (ack as (value: unknown) => void) : () => {};
        if (!bucket.take() || !userBucket.take()) {
          log.warn("hub: rate limit exceeded", { userId: socket.data.user.id, event });
          return reply(refusal("rate_limited", "Too many requests; slow down"));
        }
        const parsed = schema.safeParse(raw);
        if (!parsed.success) return reply(refusal("invalid", "Malformed request"));
        const task = queue.then(() => run(parsed.data as HubPayload<typeof event>));
        queue = task.catch(() => undefined);
        task.then(reply, (error: unknown) => {
          if (error instanceof HubRefusal) return reply({ ok: false, error: error.error });
          log.error("hub: event failed", { event, error: String(error) });
          reply(refusal("unavailable", "Something went wrong; try again"));
        });
      }) as never);
    };
  }

  private handleAccountEvents(socket: HubSocket, handle: Handle): void {
    handle("account:join", async ({ accountId }) => {
      await this.joinAsReader(socket, accountId, accountRoom(accountId));
      return { ok: true, presence: await this.broadcastPresence(accountRoom(accountId)) };
    });
    handle("account:leave", async ({ accountId }) => {
      await socket.leave(accountRoom(accountId));
      this.refreshPresence(accountRoom(accountId));
      return { ok: true };
    });
  }

  /** A document's presence shows in its account's room too, so both are refreshed. */
  private handleDocumentEvents(socket: HubSocket, handle: Handle): void {
    handle("document:join", async ({ documentId }) => {
      const document = await this.deps.db.document.findUnique({
        where: { id: documentId },
        select: { accountId: true },
      });
      if (!document) throw new HubRefusal({ code: "not_found", message: "No such document" });
      socket.data.docAccounts[documentId] = document.accountId;
      await this.joinAsReader(socket, document.accountId, documentRoom(documentId));
      this.refreshPresence(accountRoom(document.accountId));
      return { ok: true, presence: await this.broadcastPresence(documentRoom(documentId)) };
    });
    handle("document:leave", async ({ documentId }) => {
      const accountId = socket.data.docAccounts[documentId];
      await socket.leave(documentRoom(documentId));
      delete socket.data.docAccounts[documentId];
      delete socket.data.sections[documentId];
      this.refreshPresence(documentRoom(documentId));
      if (accountId) this.refreshPresence(accountRoom(accountId));
      return { ok: true };
    });
    handle("presence:section", async ({ documentId, section }) => {
      if (!socket.rooms.has(documentRoom(documentId))) {
        throw new HubRefusal({ code: "forbidden", message: "Join the document first" });
      }
      const changed = socket.data.sections[documentId]?.section !== section;
      socket.data.sections[documentId] = { section, at: Date.now() };
      if (changed) this.refreshPresence(documentRoom(documentId));
      return { ok: true };
    });
  }

  private handleReviewEvents(socket: HubSocket, handle: Handle): void {
    handle("review:join", async ({ reviewId }) => {
      const review = await asRefusal(findReview(this.deps.db, reviewId), () => this.currentUser(socket));
      await this.joinAsReader(socket, review.accountId, reviewRoom(reviewId));
      const state = await followReview(this.workflow, socket.data.user.id, reviewId);
      return { ok: true, state, presence: await this.broadcastPresence(reviewRoom(reviewId)) };
    });
    handle("review:leave", async ({ reviewId }) => {
      await socket.leave(reviewRoom(reviewId));
      this.refreshPresence(reviewRoom(reviewId));
      return { ok: true };
    });
    handle("review:go", async ({ reviewId, itemId }) => {
      const user = await this.currentUser(socket);
      const state = await asRefusal(moveReview(this.workflow, user, reviewId, itemId), async () => user);
      const review = await findReview(this.deps.db, reviewId);
      this.audit(socket, {
        action: "reviews.go",
        accountId: review?.accountId ?? null,
        objectType: "review",
        objectId: reviewId,
        detail: { itemId },
      });
      return { ok: true, state };
    });
  }

  /** Logs a write made through the hub (the HTTP layer logs the others). */
  private audit(socket: HubSocket, note: AuditNote & { action: string }): void {
    const { user } = socket.data;
    inBackground("hub: audit entry not written", { userId: user.id }, () =>
      appendAudit(this.deps.db, {
        ...note,
        channel: "socket",
        actor: { id: user.id },
        ip: socket.handshake.address || null,
      }),
    );
  }

  private handleNotificationEvents(socket: HubSocket, handle: Handle): void {
    handle("notifications:sync", async ({ since }) => {
      await this.currentUser(socket);
      const result = await listNotificationsSince(this.deps.db, socket.data.user.id, since);
      return { ok: true, ...result };
    });
  }

  private onDisconnecting(socket: HubSocket): void {
    const rooms = [...socket.rooms].filter(isPresenceRoom);
    // Presence is recomputed once the socket has really left.
    setImmediate(() => rooms.forEach((room) => this.refreshPresence(room)));
  }

  /**
   * Joins a room after the same access check as the pages, and checks again
   * once joined: a removal that landed in between (its socketsLeave ran before
   * this join) must still win.
   */
  private async joinAsReader(socket: HubSocket, accountId: string, room: string): Promise<void> {
    await this.requireReader(socket, accountId);
    await socket.join(room);
    try {
      await this.requireReader(socket, accountId);
    } catch (error) {
      await socket.leave(room);
      throw error;
    }
  }

  private async requireReader(socket: HubSocket, accountId: string): Promise<void> {
    const access = await accountAccess(this.deps.db, await this.currentUser(socket), accountId);
    if (!access.canRead) {
      log.info("hub: room join refused", { userId: socket.data.user.id, accountId });
      throw new HubRefusal({ code: "forbidden", message: "Not on this account's team" });
    }
  }

  /**
   * The socket's user as the database sees them now: a session that ended or
   * a deactivated user disconnects, and a changed workspace role applies at once.
   */
  private async currentUser(socket: HubSocket): Promise<{ id: string; workspaceRole: string; locale: string }> {
    const session = await this.deps.db.session.findUnique({
      where: { id: socket.data.sessionId },
      select: {
        expiresAt: true,
        lastSeenAt: true,
        user: { select: { id: true, active: true, workspaceRole: true, locale: true } },
      },
    });
    if (!session || !sessionIsLive(session)) {
      socket.disconnect(true);
      throw new HubRefusal({ code: "forbidden", message: "Sign in again" });
    }
    socket.data.user.workspaceRole = session.user.workspaceRole;
    return session.user;
  }

  /** Presence nobody waits for: a failure is logged, and the next change sends it again. */
  private refreshPresence(room: string): void {
    inBackground("hub: presence not sent", { room }, () => this.broadcastPresence(room));
  }

  /** Recomputes who is in a room and tells everyone there. */
  private async broadcastPresence(room: string): Promise<PresencePayload> {
    const payload = presenceOf(room, await this.socketsIn(room));
    this.nsp.to(room).emit("presence", payload);
    return payload;
  }

  /** The room's sockets on every node; while Redis is away, the ones this node can see. */
  private async socketsIn(room: string): Promise<readonly PresenceSocket[]> {
    if (this.fanOut && !this.fanOut.isHealthy) {
      return [...this.nsp.sockets.values()].filter((socket) => socket.rooms.has(room));
    }
    return this.nsp.in(room).timeout(PRESENCE_TIMEOUT_MS).fetchSockets();
  }

  /** Presence again in every room this node has a client in (each node does the same for its own). */
  private refreshLocalPresence(): void {
    for (const room of this.nsp.adapter.rooms.keys()) {
      if (isPresenceRoom(room)) this.refreshPresence(room);
    }
  }

  /**
   * Redis went away or came back: this node's clients are told (while
   * degraded they see only this node's events; on return they reload what
   * they missed), and presence is recomputed from what is reachable now. On
   * return, rooms are checked again: a removal or a sign-out stored on
   * another node meanwhile could not reach this one.
   */
  private onFanOutHealth(healthy: boolean): void {
    this.nsp.local.emit("hub:status", { degraded: !healthy });
    this.refreshLocalPresence();
    if (!healthy) return;
    for (const socket of this.nsp.sockets.values()) {
      inBackground("hub: rooms not checked again", { userId: socket.data.user.id }, async () => {
        const user = await this.currentUser(socket).catch((error: unknown) => {
          // A session that ended meanwhile: currentUser closed the socket.
          if (error instanceof HubRefusal) return undefined;
          throw error;
        });
        if (!user) return;
        const left = await this.recheckRooms(socket, user);
        left.forEach((room) => this.refreshPresence(room));
      });
    }
  }

  /** A saved session comes back only if it is still live and every one of its rooms still readable. */
  private async mayRestore(saved: SavedSession): Promise<boolean> {
    const data = saved.data as Partial<HubSocketData> | undefined;
    if (!data?.sessionId || !data.user || !data.docAccounts) return false;
    const session = await this.deps.db.session.findUnique({
      where: { id: data.sessionId },
      select: { expiresAt: true, lastSeenAt: true, user: { select: { id: true, active: true, workspaceRole: true } } },
    });
    if (!session || !sessionIsLive(session) || session.user.id !== data.user.id) return false;
    const own = [saved.sid, userRoom(session.user.id), sessionRoom(data.sessionId)];
    const forbidden = await forbiddenRooms(this.deps.db, session.user, saved.rooms, own, { ...data.docAccounts });
    if (forbidden.length > 0) log.info("hub: recovery refused", { userId: session.user.id, rooms: forbidden });
    return forbidden.length === 0;
  }

  /** Leaves the rooms the socket may no longer be in (see leaveForbiddenRooms). */
  private recheckRooms(socket: HubSocket, user: { id: string; workspaceRole: string }): Promise<string[]> {
    const own = [socket.id, userRoom(user.id), sessionRoom(socket.data.sessionId)];
    return leaveForbiddenRooms(this.deps.db, socket, user, own);
  }
}

/**
 * socket.io between nodes: the Redis Streams adapter, and connection-state
 * recovery (a client back within the window gets its rooms and the events it
 * missed; past it, or after Redis lost them, it reloads from the database).
 * Middlewares run on a recovery too: the session may have ended meanwhile.
 */
function clusterOptions(fanOut: RedisFanOut): Partial<ServerOptions> {
  return {
    adapter: fanOut.adapter as ServerOptions["adapter"],
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
  };
}

const REFUSAL_CODES: Record<number, HubError["code"]> = {
  400: "invalid",
  403: "forbidden",
  404: "not_found",
  409: "invalid",
};

/**
 * A refused workflow change answers the event with its reason, in the reader's
 * language, instead of failing as a server error.
 */
async function asRefusal<T>(work: Promise<T>, reader: () => Promise<{ locale: string }>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    const { locale } = await reader();
    const message = error.messageIn(isLocale(locale) ? locale : "en");
    throw new HubRefusal({ code: REFUSAL_CODES[error.status] ?? "invalid", message });
  }
}

function refusal(code: HubError["code"], message: string) {
  return { ok: false as const, error: { code, message } };
}
