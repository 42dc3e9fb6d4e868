import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/utils/db.server";
import { noteActor } from "~/features/audit/audit-scope.server";
import { sessionUserFromRow, type SessionUser, type UserRow } from "~/features/auth/session.server";
import type { TokenScope, TokenView } from "./api-token.schema";

/** Tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = "kr_";
/** lastUsedAt is written at most this often per token, not on every call. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface TokenUser {
  /** The token's user, with `sessionId` "token:<id>" so revoking it closes its connections. */
  user: SessionUser;
  token: { id: string; scope: TokenScope };
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The live-connection key of a token's connections (LiveConnections.closeSession). */
export const tokenSessionId = (tokenId: string) => `token:${tokenId}`;

/** Makes a token for the user: the plain value is returned once and never stored. */
export async function createApiToken(
  db: Db,
  userId: string,
  input: { name: string; scope: TokenScope; expiresAt: Date | null },
): Promise<{ id: string; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const row = await db.apiToken.create({
    data: {
      userId,
      name: input.name,
      scope: input.scope,
      expiresAt: input.expiresAt,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 4),
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

interface TokenRow extends UserRow {
  tokenId: string;
  scope: string;
  expiresAt: Date | string | null;
  revokedAt: Date | string | null;
  lastUsedAt: Date | string | null;
  active: boolean | number;
}

/**
 * The user and token an `Authorization: Bearer …` header names, or null when
 * it names none that works now: unknown, revoked, expired, or its user
 * deactivated. One statement, like the session's: every API call asks.
 */
export async function userFromAuthorization(db: Db, header: string | null | undefined): Promise<TokenUser | null> {
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header ?? "");
  if (!match || !match[1].startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db.$queryRaw<TokenRow[]>`
    SELECT t.id AS "tokenId", t.scope, t."expiresAt", t."revokedAt", t."lastUsedAt",
      u.id AS "userId", u.email, u.name, u."workspaceRole", u.locale, u.active,
      d.key AS "departmentKey", d.name AS "departmentName", d."nameZh" AS "departmentNameZh", d.color AS "departmentColor"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" LEFT JOIN "Department" d ON d.id = u."departmentId"
    WHERE t."tokenHash" = ${hashToken(match[1])}`;
  if (!row) return null;
  const now = Date.now();
  // SQLite hands back what PostgreSQL types: dates as text, booleans as 0 and 1.
  const active = row.active === true || row.active === 1;
  if (!active || row.revokedAt !== null) return null;
  if (row.expiresAt !== null && new Date(row.expiresAt).getTime() <= now) return null;
  if (row.lastUsedAt === null || now - new Date(row.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
    await db.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date(now) }, select: { id: true } });
  }
  const user = sessionUserFromRow(tokenSessionId(row.tokenId), row);
  noteActor(user);
  return { user, token: { id: row.tokenId, scope: row.scope === "write" ? "write" : "read" } };
}

/** The user's own tokens, newest first (never the hash). */
export async function listApiTokens(db: Db, userId: string, now = new Date()): Promise<TokenView[]> {
  const rows = await db.apiToken.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scope: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope === "write" ? "write" : "read",
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    state: row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "live",
  }));
}

/**
 * Revokes one of the user's own tokens; its open collab connections close at
 * once. False when the user has no such live token (someone else's id
 * included: it is not theirs to know about).
 */
export async function revokeApiToken(
  db: Db,
  live: { closeSession(sessionId: string): void },
  userId: string,
  tokenId: string,
): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) live.closeSession(tokenSessionId(tokenId));
  return count > 0;
}
