import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { Cookie, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Db } from "~/utils/db.server";
import type { Services, TeamBroadcast } from "~/utils/services.server";
import { createSessionCookie } from "~/features/auth/session.server";
import { SignInThrottle } from "~/features/auth/sign-in-throttle.server";
import { Limits } from "~/shared/limits";
import { CollabServer } from "./collab/collab-server";
import { compactAfter } from "./collab/compaction-policy";
import type { CollabHook } from "./collab/hooks";
import { DEFAULT_COLLAB_LIMITS } from "./collab/limits";
import { CloseCode } from "./collab/wire/close-codes";
import type { Config } from "./config";
import { openDatabase, type Database } from "./database";
import type { AccessEvent } from "./cluster/access-events";
import { Cluster } from "./cluster/cluster";
import { log } from "./lib/logger";
import { Metrics } from "./metrics";
import {
  answerClientErrors,
  assignRequestId,
  handleErrors,
  logErrorResponses,
  refuseMalformedHost,
  requestIdOf,
  sendError,
} from "./http/errors";
import { noStore, securityHeaders } from "./http/headers";
import { isAllowedFetchSite, isAllowedOrigin } from "./origin";
import { DocumentIndexer } from "./team/document-indexer";
import { limitSharedPages } from "./http/share-rate-limit";
import { auditWrites } from "./http/audit-trail";
import { indexDocumentBlocks, unindexedDocuments } from "~/features/blocks/block-index.server";
import { WorkspaceSearch } from "~/features/search/search.server";
import { EditActivity, EditTimes } from "./team/edit-activity";
import { EditSessions } from "./team/edit-sessions";
import { TeamHub, type TeamHubDeps } from "./team/team-hub";
import { startSessionSweeper } from "./session-sweeper";
import { WebhookDispatcher, type DispatcherOptions } from "~/features/webhooks/dispatcher.server";
import { createUpgradeHandler } from "./upgrade";

export interface KeyroomServer {
  http: http.Server;
  collab: CollabServer;
  hub: TeamHub;
  services: Services;
  /** Resolves to the bound port (useful with PORT=0). */
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Idle documents unload after this long (default: config.idleUnloadMs). */
  idleUnloadMs?: number;
  /** Compact a document's log after this many rows (default 500). */
  compactAfterRows?: number;
  /** Loaded Remix build; default: import build/index.js. */
  build?: ServerBuild;
  /** How often coalesced "edited" entries reach the activity feed (default 10 s). */
  activityFlushMs?: number;
  /** How long a document rests after a change before its blocks and text are indexed (default 1.5 s). */
  blockIndexMs?: number;
  /** How often ended sessions are swept and their connections closed (default 60 s). */
  sessionSweepMs?: number;
  /** Largest document in bytes (default DEFAULT_COLLAB_LIMITS.maxDocumentBytes); tests use a small one. */
  maxDocumentBytes?: number;
  /** What may wait for a client that does not read (default DEFAULT_COLLAB_LIMITS.maxUnsentBytes). */
  maxUnsentBytes?: number;
  /** More collab hooks, run after Keyroom's own (metrics, activity, edit times, compaction). */
  collabHooks?: CollabHook[];
  /** The team hub's socket.io adapter (default: in memory); tests pass a failing one. */
  hubAdapter?: TeamHubDeps["adapter"];
  /** Webhook delivery timing (poll, retry base, attempts, overdue scan); tests use milliseconds. */
  webhooks?: Omit<DispatcherOptions, "publicUrl">;
}

/** Wires HTTP (Express + Remix), the collab WebSocket server, the team hub and the database, and listens. */
export async function startKeyroom(config: Config, options: StartOptions = {}): Promise<KeyroomServer> {
  const database = await openDatabase(config);
  const { db } = database;
  let port = 0;
  // Several processes share PostgreSQL: each loaded document has one owner among them.
  const cluster =
    database.engine === "postgres"
      ? new Cluster(database.pool, {
          databaseUrl: config.databaseUrl ?? "",
          address: () => config.nodeUrl ?? `ws://127.0.0.1:${port}`,
          leaseTtlMs: config.leaseTtlMs ?? 5_000,
          secret: config.sessionSecret,
        })
      : undefined;
  const sessionCookie = createSessionCookie(config.sessionSecret, config.publicUrl?.startsWith("https://") ?? false);
  const app = express();
  // socket.io wraps the request listeners present when it attaches, so Express goes first.
  const server = http.createServer(app);
  const hub = new TeamHub(server, {
    db,
    sessionCookie,
    publicUrl: config.publicUrl,
    adapter: options.hubAdapter,
    redis: config.redisUrl ? { url: config.redisUrl, prefix: config.redisPrefix ?? "keyroom" } : undefined,
  });
  const metrics: Metrics = new Metrics({
    openConnections: () => collab.openConnections,
    loadedDocuments: () => collab.loadedDocuments,
    hubClients: () => hub.clients,
  });
  const edits = new EditActivity({ db, hub }, options.activityFlushMs ?? 10_000);
  const editTimes = new EditTimes(db);
  const editSessions = new EditSessions(db);
  // Reads the document back through `services`, built once the collab server exists.
  const search = new WorkspaceSearch(db, database.engine);
  const indexer = new DocumentIndexer(
    [
      {
        name: "blocks",
        index: (id, state) => indexDocumentBlocks(db, id, state),
        unindexed: () => unindexedDocuments(db),
      },
      { name: "search", index: (id, state) => search.indexDocument(id, state), unindexed: () => search.unindexed() },
    ],
    (id) => services.documents.currentState(id),
    options.blockIndexMs,
  );
  const collab: CollabServer = createCollab(database, cluster, config, options, [
    metrics.collabHook,
    edits,
    editTimes,
    editSessions,
    indexer,
    compactAfter(options.compactAfterRows ?? 500),
    ...(options.collabHooks ?? []),
  ]);
  const services = buildServices(db, sessionCookie, config, hub, collab, cluster, search);
  await cluster?.start((event) => closeHeldConnections(event, collab, cluster));

  serveHttp(app, { config, db, metrics, services, build: options.build ?? (await importBuild()) });
  answerClientErrors(server);
  server.on("upgrade", createUpgradeHandler({ ...services, collab, forwarding: cluster?.forwarding }));
  const sweeper = startSessionSweeper(db, services.live, options.sessionSweepMs);
  const webhooks = new WebhookDispatcher(db, { ...options.webhooks, publicUrl: config.publicUrl });
  webhooks.start();
  port = await listen(server, config);
  void indexer.catchUp();

  let closed: Promise<void> | undefined;
  return {
    http: server,
    collab,
    hub,
    services,
    port,
    close() {
      closed ??= shutDown({
        server,
        sweeper,
        webhooks,
        hub,
        collab,
        cluster,
        edits,
        editTimes,
        editSessions,
        indexer,
        database,
      });
      return closed;
    },
  };
}

/**
 * Stops in dependency order: no new requests, sessions or webhook sends, then the hub and the
 * collab server (which flushes and compacts), then the feed entries those
 * last edits produced, and the database last.
 */
async function shutDown(parts: {
  server: http.Server;
  sweeper: { stop(): void };
  webhooks: WebhookDispatcher;
  hub: TeamHub;
  collab: CollabServer;
  cluster: Cluster | undefined;
  edits: EditActivity;
  editTimes: EditTimes;
  editSessions: EditSessions;
  indexer: DocumentIndexer;
  database: Database;
}): Promise<void> {
  const { server, sweeper, webhooks, hub, collab, cluster, edits, editTimes, editSessions, indexer, database } = parts;
  const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  sweeper.stop();
  await webhooks.stop();
  server.closeIdleConnections();
  await hub.close();
  await collab.close();
  await cluster?.close();
  await edits.flush();
  await editTimes.flush();
  await editSessions.flush();
  await indexer.flush();
  await httpClosed;
  await database.close();
}

/** The collab server over the database, with the configured limits and its hooks in order. */
function createCollab(
  database: Database,
  cluster: Cluster | undefined,
  config: Config,
  options: StartOptions,
  hooks: CollabHook[],
): CollabServer {
  const storage =
    cluster && database.engine === "postgres" ? database.docStorage(cluster.leases) : database.docStorage();
  return new CollabServer(storage, {
    ...cluster?.collabOptions(),
    idleUnloadMs: options.idleUnloadMs ?? config.idleUnloadMs,
    limits: {
      ...DEFAULT_COLLAB_LIMITS,
      updatesPerSecond: config.updatesPerSecond,
      updateBurst: config.updateBurst,
      maxDocumentBytes: options.maxDocumentBytes ?? DEFAULT_COLLAB_LIMITS.maxDocumentBytes,
      maxUnsentBytes: options.maxUnsentBytes ?? DEFAULT_COLLAB_LIMITS.maxUnsentBytes,
    },
    hooks,
  });
}

/** What every loader and action gets, and how access changes reach live connections. */
function buildServices(
  db: Db,
  sessionCookie: Cookie,
  config: Config,
  hub: TeamHub,
  collab: CollabServer,
  cluster: Cluster | undefined,
  search: WorkspaceSearch,
): Services {
  return {
    db,
    search,
    sessionCookie,
    publicUrl: config.publicUrl,
    hub,
    documents: collab,
    signIns: new SignInThrottle(),
    live: {
      // Here at once; on the other processes (clients they hold, or relay) through PostgreSQL.
      closeSession(sessionId) {
        closeHeldConnections({ kind: "sessionEnded", sessionId }, collab, cluster);
        tellCluster(cluster, { kind: "sessionEnded", sessionId });
        hub.closeSession(sessionId);
      },
      closeUser(userId) {
        closeHeldConnections({ kind: "userDeactivated", userId }, collab, cluster);
        tellCluster(cluster, { kind: "userDeactivated", userId });
        hub.closeUser(userId);
      },
      async revokeAccountAccess(userId, accountId) {
        closeHeldConnections({ kind: "accessRevoked", userId, accountId }, collab, cluster);
        tellCluster(cluster, { kind: "accessRevoked", userId, accountId });
        await hub.revokeAccount(userId, accountId);
      },
      accountAccessChanged(userId, accountId) {
        closeHeldConnections({ kind: "accessChanged", userId, accountId }, collab, cluster);
        tellCluster(cluster, { kind: "accessChanged", userId, accountId });
      },
    },
  };
}

/** Closes the collab connections this process holds, and the clients it relays, that `event` ends. */
function closeHeldConnections(event: AccessEvent, collab: CollabServer, cluster: Cluster | undefined): void {
  const relays = cluster?.forwarding;
  switch (event.kind) {
    case "sessionEnded":
      collab.closeSession(event.sessionId);
      relays?.closeWhere((ctx) => ctx.sessionId === event.sessionId, CloseCode.Unauthorized, "signed out");
      return;
    case "userDeactivated":
      collab.closeUser(event.userId);
      relays?.closeWhere((ctx) => ctx.userId === event.userId, CloseCode.Unauthorized, "account deactivated");
      return;
    case "accessRevoked": {
      const { userId, accountId } = event;
      collab.closeAccountAccess(userId, accountId);
      relays?.closeWhere(
        (ctx) => ctx.userId === userId && ctx.accountId === accountId,
        CloseCode.Forbidden,
        "removed from the team",
      );
      return;
    }
    case "accessChanged": {
      const { userId, accountId } = event;
      collab.reconnectAccount(userId, accountId);
      relays?.closeWhere(
        (ctx) => ctx.userId === userId && ctx.accountId === accountId,
        CloseCode.Resync,
        "access changed",
      );
      return;
    }
  }
}

function tellCluster(cluster: Cluster | undefined, event: AccessEvent): void {
  cluster?.access.publish(event).catch((error: unknown) => {
    // Each process still checks the session and access again at every reconnect.
    log.error("cluster: telling the other processes about an access change failed", {
      kind: event.kind,
      error: String(error),
    });
  });
}

interface HttpDeps {
  config: Config;
  db: Db;
  metrics: Metrics;
  services: Services;
  build: ServerBuild;
}

/** The Express stack: request guards, operations endpoints, static files, then Remix. */
function serveHttp(app: express.Express, { config, db, metrics, services, build }: HttpDeps): void {
  app.disable("x-powered-by");
  if (config.trustProxy !== undefined) app.set("trust proxy", config.trustProxy);
  app.use(assignRequestId);
  app.use(logErrorResponses);
  app.use(securityHeaders(config.publicUrl));
  app.use(refuseMalformedHost);
  app.use(limitBodySize);
  serveOperations(app, db, metrics, services.hub);
  app.use(refuseCrossSite(config.publicUrl));
  app.use(auditWrites(db));
  // Browsers ask for /favicon.ico whatever the page links; the icon is an SVG.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  // Static files only: the scripts are most of a first visit's bytes. Pages stay
  // uncompressed, so a page's size never hints at a secret on it (BREACH).
  app.use("/build", compression(), express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("public"), { maxAge: "1h" }));
  app.use("/s/", limitSharedPages());
  app.all(
    "*",
    noStore,
    createRequestHandler({
      build,
      // Remix puts error messages and stacks in pages and data outside production mode:
      // only `npm run dev` (a development build, NODE_ENV=development) shows them.
      mode: config.env === "development" && build.mode === "development" ? "development" : "production",
      getLoadContext: (req, res): Services => ({
        ...services,
        requestFacts: { cspNonce: String(res.locals.cspNonce), clientAddress: req.ip ?? "unknown" },
      }),
    }),
  );
  app.use(handleErrors);
}

/**
 * GET /healthz (the database answers; with Redis, `hub` says whether events
 * reach every process, "degraded" meaning each serves its own clients only)
 * and GET /metrics (Prometheus).
 */
function serveOperations(app: express.Express, db: Db, metrics: Metrics, hub: TeamBroadcast): void {
  const hubHealth = () => (hub instanceof TeamHub && hub.health ? { hub: hub.health } : {});
  app.get("/healthz", async (_req, res) => {
    try {
      await db.$queryRawUnsafe("SELECT 1");
      res.json({ status: "ok", ...hubHealth() });
    } catch {
      res.status(503).json({ status: "unavailable", ...hubHealth() });
    }
  });
  app.get("/metrics", async (_req, res) => {
    res.setHeader("Content-Type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
}

/** State-changing requests must come from our own origin and site. */
function refuseCrossSite(publicUrl: string | undefined): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const requestId = requestIdOf(res);
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, publicUrl)) {
      log.warn("http: cross-origin request refused", { requestId, origin: req.headers.origin, path: req.path });
      return sendError(req, res, 403, "forbidden_origin", "Cross-origin request refused");
    }
    // A cross-site form sends no Origin on some paths (and a sibling subdomain is same-site, not same-origin).
    if (!isAllowedFetchSite(req.headers["sec-fetch-site"])) {
      log.warn("http: cross-site request refused", { requestId, site: req.headers["sec-fetch-site"], path: req.path });
      return sendError(req, res, 403, "forbidden_site", "Cross-site request refused");
    }
    next();
  };
}

/** Listens on the configured address; resolves to the bound port (useful with PORT=0). */
async function listen(server: http.Server, config: Config): Promise<number> {
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  return typeof address === "object" && address ? address.port : config.port;
}

/** The Remix server build made by `remix build`. */
export async function importBuild(): Promise<ServerBuild> {
  const file = path.resolve("build/index.js");
  return (await import(pathToFileURL(file).href)) as ServerBuild;
}

/**
 * Request bodies are bounded before Remix reads them: a declared length over
 * the limit gets 413 at once, and a body without a declared length (chunked)
 * is refused, since nothing Keyroom's pages send needs one.
 */
function limitBodySize(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] === undefined) return next();
    log.warn("http: body without length refused", { requestId: requestIdOf(res), path: req.path });
    return sendError(req, res, 411, "length_required", "Send the body with a Content-Length");
  }
  if (Number(declared) > Limits.maxHttpBodyBytes) {
    log.warn("http: body too large", { requestId: requestIdOf(res), path: req.path, bytes: declared });
    return sendError(req, res, 413, "too_large", `Request body over ${Limits.maxHttpBodyBytes} bytes`);
  }
  next();
}
