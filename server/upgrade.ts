import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Cookie } from "@remix-run/node";
import type { Db } from "~/utils/db.server";
import { documentAccess } from "~/features/auth/permissions.server";
import { userFromCookieHeader } from "~/features/auth/session.server";
import { userFromAuthorization } from "~/features/api-tokens/api-token.server";
import type { Forwarding } from "./cluster/forwarding";
import { INTERNAL_COLLAB_PATH } from "./cluster/forwarding";
import type { CollabServer } from "./collab/collab-server";
import { log } from "./lib/logger";
import { isAllowedOrigin } from "./origin";
import { memberColor } from "~/shared/member-color";

const COLLAB_PATH = /^\/collab\/([A-Za-z0-9_-]{1,64})$/;

export interface UpgradeDeps {
  db: Db;
  sessionCookie: Cookie;
  publicUrl?: string;
  collab: CollabServer;
  /** With several processes: clients the others relay here, their context signed. */
  forwarding?: Forwarding;
}

/**
 * Routes and authorizes every HTTP upgrade. Refusals are plain HTTP answers
 * before any WebSocket exists: 401 without a session, 403 for a foreign
 * origin or a non-member, 404 for an unknown document, 400 otherwise.
 */
export function createUpgradeHandler(deps: UpgradeDeps) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // socket.io answers its own upgrades (the team hub).
    if (req.url?.startsWith("/socket.io/")) return;
    socket.on("error", () => socket.destroy());
    if (INTERNAL_COLLAB_PATH.test(new URL(req.url ?? "/", "http://localhost").pathname)) {
      return acceptRelayed(deps, req, socket, head);
    }
    authorize(deps, req)
      .then((outcome) => {
        if ("status" in outcome) return refuse(socket, outcome.status, outcome.message);
        deps.collab.handleUpgrade(req, socket, head, outcome);
      })
      .catch((error: unknown) => {
        log.error("upgrade: authorization failed", { error: String(error) });
        refuse(socket, 503, "Service unavailable");
      });
  };
}

/**
 * Another process's connection for the clients of a document it relays here
 * (server/cluster/forwarding.ts).
 * Without the cluster's signature it is refused like any unknown path.
 */
function acceptRelayed(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const path = INTERNAL_COLLAB_PATH.exec(new URL(req.url ?? "/", "http://localhost").pathname);
  const documentId = deps.forwarding?.verify(req);
  if (!documentId || documentId !== path?.[1])
    return refuse(socket, deps.forwarding ? 403 : 400, deps.forwarding ? "Forbidden" : "Unknown upgrade path");
  deps.collab.handleRelayUpgrade(req, socket, head, documentId);
}

type Outcome = { status: number; message: string } | Parameters<CollabServer["handleUpgrade"]>[3];

async function authorize(deps: UpgradeDeps, req: IncomingMessage): Promise<Outcome> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const match = COLLAB_PATH.exec(url.pathname);
  if (!match) return { status: 400, message: "Unknown upgrade path" };
  if (!isAllowedOrigin(req.headers.origin, req.headers.host, deps.publicUrl)) {
    log.warn("upgrade: foreign origin refused", { origin: req.headers.origin });
    return { status: 403, message: "Origin not allowed" };
  }
  // A browser brings its session cookie; a headless client a personal API token (never in the URL).
  // A token that does not work is refused even beside a valid cookie: the client meant the token.
  const bearer = req.headers.authorization ? await userFromAuthorization(deps.db, req.headers.authorization) : null;
  const user = req.headers.authorization
    ? bearer?.user
    : await userFromCookieHeader(deps.db, deps.sessionCookie, req.headers.cookie);
  if (!user) return { status: 401, message: "Sign in first" };
  const documentId = match[1];
  const document = await documentAccess(deps.db, user, documentId);
  // Same answer for "no such document" and "not yours" would hide existence,
  // but the contract gives members a clear 404; non-members learn nothing more
  // than 403 tells them.
  if (!document) return { status: 404, message: "No such document" };
  const { access } = document;
  if (!access.canRead) {
    log.info("upgrade: non-member refused", { userId: user.id, documentId });
    return { status: 403, message: "Not on this account's team" };
  }
  return {
    userId: user.id,
    sessionId: user.sessionId,
    documentId,
    accountId: document.accountId,
    readOnly: !access.canEdit || bearer?.token.scope === "read",
    wantsAcks: url.searchParams.get("acks") === "1",
    identity: {
      userId: user.id,
      name: user.name,
      department: user.department?.key ?? "",
      color: memberColor(user.department),
    },
  };
}

function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: status, message } });
  socket.end(
    `HTTP/1.1 ${status} ${statusText(status)}\r\n` +
      "Connection: close\r\nContent-Type: application/json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function statusText(status: number): string {
  return (
    { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" }[status] ?? "Service Unavailable"
  );
}
