import type { Prisma } from "@prisma/client";
import { decideAccountAccess } from "~/features/auth/permissions.server";
import type { Db } from "~/utils/db.server";
import type { LiveConnections } from "~/utils/services.server";
import { openDepartmentId } from "./invitations.server";
import type { WorkspaceRole } from "./users.schema";

/** Longest people list shown at once; the search box narrows it. */
const PEOPLE_LIMIT = 200;

/** Everyone in the workspace (or those matching the search), active first, with when each was last seen. */
export async function listPeople(db: Db, q: string) {
  const where: Prisma.UserWhereInput = q
    ? { OR: [{ name: { contains: q } }, { email: { contains: q.toLowerCase() } }] }
    : {};
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ active: "desc" }, { name: "asc" }],
      take: PEOPLE_LIMIT,
      select: {
        id: true,
        name: true,
        email: true,
        workspaceRole: true,
        active: true,
        department: { select: { key: true, name: true, nameZh: true, color: true } },
        // A session's last use is the cheapest "last seen": ended sessions take theirs with them.
        sessions: { orderBy: { lastSeenAt: "desc" }, take: 1, select: { lastSeenAt: true } },
      },
    }),
    db.user.count({ where }),
  ]);
  return {
    total,
    people: users.map(({ sessions, ...user }) => ({
      ...user,
      lastSeenAt: sessions[0]?.lastSeenAt.toISOString() ?? null,
    })),
  };
}

type UserServices = { db: Db; live: LiveConnections };

export type UserRefusal = "self" | "unknown" | "department";

/**
 * Deactivates a user: no sign-in, sessions deleted, API tokens refused (their user is
 * inactive), and every live page, collab socket and hub socket closed at once, on every process.
 */
export async function deactivateUser(
  services: { db: Db; live: Pick<LiveConnections, "closeUser"> },
  actorId: string,
  userId: string,
): Promise<UserRefusal | null> {
  if (userId === actorId) return "self";
  const { db } = services;
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { active: false } });
  if (count === 0) return "unknown";
  await db.session.deleteMany({ where: { userId } });
  services.live.closeUser(userId);
  return null;
}

/** Lets a deactivated user sign in again (with their old password, or a reset link). */
export async function reactivateUser(db: Db, userId: string): Promise<UserRefusal | null> {
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { active: true } });
  return count === 0 ? "unknown" : null;
}

/**
 * Sets a person's home department and workspace role. An admin does not take away their
 * own admin role here (the workspace could be left without one); an archived department
 * is kept when it is already theirs but given to nobody new.
 */
export async function updateUser(
  services: UserServices,
  actorId: string,
  userId: string,
  change: { department: string | null; workspaceRole: WorkspaceRole },
): Promise<UserRefusal | null> {
  const { db } = services;
  if (userId === actorId && change.workspaceRole !== "admin") return "self";
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { workspaceRole: true, department: { select: { key: true, id: true } } },
  });
  if (!user) return "unknown";
  const departmentId =
    change.department !== null && change.department === user.department?.key
      ? user.department.id
      : await openDepartmentId(db, change.department);
  if (departmentId === undefined) return "department";
  await db.user.update({ where: { id: userId }, data: { departmentId, workspaceRole: change.workspaceRole } });
  if (user.workspaceRole !== change.workspaceRole) {
    await followRoleChange(services, userId, user.workspaceRole, change.workspaceRole);
  }
  return null;
}

/**
 * Live connections follow a new workspace role, as they follow a team change: closed on
 * accounts the person can no longer read (an executive made a member reads only their
 * teams'), reconnected where their edit rights changed.
 */
async function followRoleChange(services: UserServices, userId: string, before: string, after: string) {
  const memberships = await services.db.accountMember.findMany({
    where: { userId },
    select: { accountId: true, role: true },
  });
  const teamRole = new Map(memberships.map((m) => [m.accountId, m.role]));
  const lostPortfolio = decideAccountAccess(before, null).canRead && !decideAccountAccess(after, null).canRead;
  const accounts = lostPortfolio
    ? (await services.db.account.findMany({ select: { id: true } })).map((a) => a.id)
    : [...teamRole.keys()];
  for (const accountId of accounts) {
    const was = decideAccountAccess(before, teamRole.get(accountId) ?? null);
    const now = decideAccountAccess(after, teamRole.get(accountId) ?? null);
    if (!now.canRead) await services.live.revokeAccountAccess(userId, accountId);
    else if (now.canEdit !== was.canEdit) services.live.accountAccessChanged(userId, accountId);
  }
}
