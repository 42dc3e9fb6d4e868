import type { Db } from "~/utils/db.server";
import type { LiveConnections } from "~/utils/services.server";
import { hashOneTimeToken, looksLikeToken, newOneTimeToken } from "./one-time-token.server";

const RESET_MS = 24 * 60 * 60 * 1000;

/**
 * Ends every session of the user (rows and their live connections). Their API tokens
 * are theirs to keep: a reset is about the password, deactivation about the person.
 */
export async function endSessionsOf(db: Db, live: Pick<LiveConnections, "closeSession">, userId: string) {
  const sessions = await db.session.findMany({ where: { userId }, select: { id: true } });
  await db.session.deleteMany({ where: { userId } });
  for (const session of sessions) live.closeSession(session.id);
}

/** A one-time reset link for an active user; their sessions end now. Null: no such active user. */
export async function createPasswordReset(
  services: { db: Db; live: Pick<LiveConnections, "closeSession"> },
  actorId: string,
  userId: string,
): Promise<{ id: string; token: string } | null> {
  const { db } = services;
  const user = await db.user.findUnique({ where: { id: userId }, select: { active: true } });
  if (!user?.active) return null;
  const { token, tokenHash } = newOneTimeToken();
  const row = await db.passwordReset.create({
    data: { userId, tokenHash, createdById: actorId, expiresAt: new Date(Date.now() + RESET_MS) },
    select: { id: true },
  });
  await endSessionsOf(db, services.live, userId);
  return { id: row.id, token };
}

const usable = (token: string) => ({
  tokenHash: hashOneTimeToken(token),
  usedAt: null,
  expiresAt: { gt: new Date() },
  user: { active: true },
});

/** Whose password a link resets, or null for one unknown, used or expired, or a deactivated user. */
export async function openPasswordReset(db: Db, token: string) {
  if (!looksLikeToken(token)) return null;
  const reset = await db.passwordReset.findFirst({
    where: usable(token),
    select: { user: { select: { name: true, email: true } } },
  });
  return reset?.user ?? null;
}

/** Sets the new password and uses the link, once; every session of the user ends. */
export async function completePasswordReset(
  services: { db: Db; live: Pick<LiveConnections, "closeSession"> },
  token: string,
  passwordHash: string,
): Promise<{ userId: string } | null> {
  if (!looksLikeToken(token)) return null;
  const { db } = services;
  const userId = await db.$transaction(async (tx) => {
    const reset = await tx.passwordReset.findFirst({ where: usable(token), select: { id: true, userId: true } });
    if (!reset) return null;
    const { count } = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count !== 1) return null;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    return reset.userId;
  });
  if (!userId) return null;
  await endSessionsOf(db, services.live, userId);
  return { userId };
}
