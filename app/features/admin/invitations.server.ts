import { Prisma } from "@prisma/client";
import type { Db } from "~/utils/db.server";
import { hashOneTimeToken, looksLikeToken, newOneTimeToken } from "./one-time-token.server";
import type { WorkspaceRole } from "./users.schema";

const INVITATION_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewInvitation {
  email: string;
  name: string;
  /** Department key, or null for none. */
  department: string | null;
  workspaceRole: WorkspaceRole;
}

export type InvitationRefusal = "emailTaken" | "department";

/** Where an invitation's department must be: known and not archived (an archived one takes nobody new). */
export async function openDepartmentId(db: Db, key: string | null): Promise<string | null | undefined> {
  if (key === null) return null;
  const department = await db.department.findFirst({ where: { key, archivedAt: null }, select: { id: true } });
  return department?.id;
}

/** A one-time invitation; the token comes back once, in this answer, and is stored only as its hash. */
export async function createInvitation(
  db: Db,
  actorId: string,
  input: NewInvitation,
): Promise<{ ok: true; id: string; token: string } | { ok: false; refused: InvitationRefusal }> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    return { ok: false, refused: "emailTaken" };
  }
  const departmentId = await openDepartmentId(db, input.department);
  if (departmentId === undefined) return { ok: false, refused: "department" };
  const { token, tokenHash } = newOneTimeToken();
  const row = await db.invitation.create({
    data: {
      email: input.email,
      name: input.name,
      workspaceRole: input.workspaceRole,
      departmentId,
      tokenHash,
      createdById: actorId,
      expiresAt: new Date(Date.now() + INVITATION_MS),
    },
    select: { id: true },
  });
  return { ok: true, id: row.id, token };
}

/** Invitations still waiting to be used, newest first. */
export async function listPendingInvitations(db: Db) {
  const rows = await db.invitation.findMany({
    where: { usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      name: true,
      workspaceRole: true,
      expiresAt: true,
      createdBy: { select: { name: true } },
    },
  });
  return rows.map((row) => ({ ...row, expiresAt: row.expiresAt.toISOString(), createdBy: row.createdBy.name }));
}

/** Ends a pending invitation at once; false when there is none by that id still pending. */
export async function revokeInvitation(db: Db, id: string): Promise<boolean> {
  const { count } = await db.invitation.updateMany({
    where: { id, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

const usable = (tokenHash: string): Prisma.InvitationWhereInput => ({
  tokenHash,
  usedAt: null,
  revokedAt: null,
  expiresAt: { gt: new Date() },
});

/** Who a link invites, or null for a link that is unknown, used, revoked or expired (all alike: 404). */
export async function openInvitation(db: Db, token: string) {
  if (!looksLikeToken(token)) return null;
  return db.invitation.findFirst({ where: usable(hashOneTimeToken(token)), select: { email: true, name: true } });
}

/**
 * Uses the invitation and creates its person, in one transaction: marking it used is
 * the guard (two submits of one link make one user), and an email taken meanwhile
 * undoes both.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  passwordHash: string,
): Promise<{ ok: true; userId: string; email: string } | { ok: false; refused: "gone" | "emailTaken" }> {
  if (!looksLikeToken(token)) return { ok: false, refused: "gone" };
  const tokenHash = hashOneTimeToken(token);
  try {
    return await db.$transaction(async (tx) => {
      const invitation = await tx.invitation.findFirst({
        where: usable(tokenHash),
        select: { id: true, email: true, name: true, workspaceRole: true, departmentId: true },
      });
      if (!invitation) return { ok: false as const, refused: "gone" as const };
      const { count } = await tx.invitation.updateMany({
        where: { id: invitation.id, usedAt: null },
        data: { usedAt: new Date() },
      });
      if (count !== 1) return { ok: false as const, refused: "gone" as const };
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name: invitation.name,
          workspaceRole: invitation.workspaceRole,
          departmentId: invitation.departmentId,
          passwordHash,
        },
        select: { id: true, email: true },
      });
      return { ok: true as const, userId: user.id, email: user.email };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, refused: "emailTaken" };
    }
    throw error;
  }
}
