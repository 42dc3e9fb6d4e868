import { createCookie, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import type { Db } from "~/utils/db.server";
import { noteActor } from "~/features/audit/audit-scope.server";

const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A session nobody used for this long has ended: a forgotten laptop does not stay signed in. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Whether a stored session still counts: not expired, not idle too long, its user active. */
export function sessionIsLive(
  session: { expiresAt: Date; lastSeenAt: Date; user: { active: boolean } },
  now = Date.now(),
): boolean {
  return (
    session.expiresAt.getTime() > now && now - session.lastSeenAt.getTime() < SESSION_IDLE_MS && session.user.active
  );
}

export function createSessionCookie(secret: string, secure: boolean): Cookie {
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    secrets: [secret],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

export interface SessionUser {
  /** The cookie's value: for closing this session's connections, never for a page (not enumerable). */
  sessionId: string;
  id: string;
  email: string;
  name: string;
  workspaceRole: string;
  locale: string;
  department: { key: string; name: string; nameZh: string; color: string } | null;
}

/** Resolves a Cookie header to a live session and its active user, or null. */
export async function userFromCookieHeader(
  db: Db,
  cookie: Cookie,
  cookieHeader: string | null | undefined,
): Promise<SessionUser | null> {
  if (!cookieHeader) return null;
  const sessionId: unknown = await cookie.parse(cookieHeader);
  if (typeof sessionId !== "string") return null;
  const session = await liveSessionRow(db, sessionId);
  if (!session) return null;
  const now = Date.now();
  if (!sessionIsLive(session, now)) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } });
  }
  return sessionUserFromRow(sessionId, session);
}

/** A user and their department as one SQL row carries them (the session's and the API token's queries). */
export interface UserRow {
  userId: string;
  email: string;
  name: string;
  workspaceRole: string;
  locale: string;
  departmentKey: string | null;
  departmentName: string | null;
  departmentNameZh: string | null;
  departmentColor: string | null;
}

/** The signed-in user a session (or `token:<id>`) acts as, from their row. */
export function sessionUserFromRow(sessionId: string, row: UserRow): SessionUser {
  return withHiddenSessionId(sessionId, {
    id: row.userId,
    email: row.email,
    name: row.name,
    workspaceRole: row.workspaceRole,
    locale: row.locale,
    department:
      row.departmentKey === null
        ? null
        : {
            key: row.departmentKey,
            name: row.departmentName ?? "",
            nameZh: row.departmentNameZh ?? "",
            color: row.departmentColor ?? "",
          },
  });
}

interface SessionRow extends UserRow {
  expiresAt: Date | string;
  lastSeenAt: Date | string;
  active: boolean | number;
}

/**
 * The session with its user and department, in one statement: every request
 * and every collaboration connection asks, and the ORM's nested include cost
 * five times as much (docs/performance.md).
 */
async function liveSessionRow(db: Db, sessionId: string) {
  const [row] = await db.$queryRaw<SessionRow[]>`
    SELECT s."expiresAt", s."lastSeenAt", u.id AS "userId", u.email, u.name, u."workspaceRole", u.locale, u.active,
      d.key AS "departmentKey", d.name AS "departmentName", d."nameZh" AS "departmentNameZh", d.color AS "departmentColor"
    FROM "Session" s JOIN "User" u ON u.id = s."userId" LEFT JOIN "Department" d ON d.id = u."departmentId"
    WHERE s.id = ${sessionId}`;
  if (!row) return null;
  return {
    ...row,
    // SQLite hands back what PostgreSQL types: dates as text, booleans as 0 and 1.
    expiresAt: new Date(row.expiresAt),
    lastSeenAt: new Date(row.lastSeenAt),
    user: { active: row.active === true || row.active === 1 },
  };
}

/**
 * Attaches the session id as a non-enumerable property: server code reads
 * `user.sessionId` (to close the session's sockets), but JSON, object spread and
 * Remix's serialization skip it, so a loader returning the whole user
 * (`json({ user })`) cannot put the cookie's value into a page.
 */
function withHiddenSessionId(sessionId: string, user: Omit<SessionUser, "sessionId">): SessionUser {
  return Object.defineProperty(user, "sessionId", { value: sessionId, enumerable: false }) as SessionUser;
}

export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  const user = await userFromCookieHeader(context.db, context.sessionCookie, request.headers.get("Cookie"));
  if (user) noteActor(user);
  return user;
}

/** The signed-in user, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** Starts a fresh session (a new id every sign-in: no fixation) and returns its Set-Cookie. */
export async function startSession(context: AppLoadContext, userId: string): Promise<string> {
  const session = await context.db.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_DAYS * DAY_MS) },
    select: { id: true },
  });
  return context.sessionCookie.serialize(session.id);
}

/** Deletes the session row and closes its live connections; returns the clearing Set-Cookie. */
export async function endSession(request: Request, context: AppLoadContext): Promise<string> {
  const sessionId: unknown = await context.sessionCookie.parse(request.headers.get("Cookie"));
  if (typeof sessionId === "string") {
    await context.db.session.deleteMany({ where: { id: sessionId } });
    context.live.closeSession(sessionId);
  }
  return context.sessionCookie.serialize("", { maxAge: 0 });
}
