import type { Db } from "~/utils/db.server";
import { addMember, changeMember, TeamChangeError, type TeamServices } from "~/features/team/team.server";

/** Every account, archived ones included, with its leads and team size. */
export async function listAdminAccounts(db: Db) {
  const rows = await db.account.findMany({
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      industry: true,
      tier: true,
      ladderStage: true,
      lifecycleStage: true,
      archivedAt: true,
      members: { where: { role: "lead" }, select: { user: { select: { id: true, name: true } } } },
      _count: { select: { members: true } },
    },
  });
  return rows.map(({ members, _count, archivedAt, ...row }) => ({
    ...row,
    archivedAt: archivedAt?.toISOString() ?? null,
    leads: members.map((member) => member.user),
    teamSize: _count.members,
  }));
}

/** Active people, who may lead an account. */
export function activePeople(db: Db) {
  return db.user.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}

/**
 * Archives or brings back an account. Archived, it leaves the portfolio and search; its
 * team still reads it by its address. False for an unknown id.
 */
export async function setAccountArchived(db: Db, accountId: string, archived: boolean): Promise<boolean> {
  const { count } = await db.account.updateMany({
    where: { id: accountId },
    data: { archivedAt: archived ? new Date() : null },
  });
  return count === 1;
}

export type TransferRefusal = "unknown_account" | "unknown_user" | "inactive_user" | "no_department" | "team_changed";

/**
 * Makes `userId` the account's lead: promoted if on the team, added (in their home
 * department) if not; every previous lead becomes a member. Through the team's own
 * commands, so the feed, notifications and live connections follow as for a lead's change.
 */
export async function transferOwnership(
  services: TeamServices,
  actorId: string,
  accountId: string,
  userId: string,
): Promise<TransferRefusal | null> {
  const { db } = services;
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: { members: { select: { userId: true, role: true, department: { select: { key: true } } } } },
  });
  if (!account) return "unknown_account";
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { active: true, department: { select: { key: true } } },
  });
  if (!user) return "unknown_user";
  if (!user.active) return "inactive_user";
  const current = account.members.find((member) => member.userId === userId);
  try {
    if (current) {
      await changeMember(services, actorId, accountId, { userId, department: current.department.key, role: "lead" });
    } else {
      if (!user.department) return "no_department";
      await addMember(services, actorId, accountId, { userId, department: user.department.key, role: "lead" });
    }
    for (const member of account.members) {
      if (member.role !== "lead" || member.userId === userId) continue;
      await changeMember(services, actorId, accountId, {
        userId: member.userId,
        department: member.department.key,
        role: "member",
      });
    }
  } catch (error) {
    // The team changed meanwhile (someone left or joined): the admin looks at it again.
    if (error instanceof TeamChangeError) return "team_changed";
    throw error;
  }
  return null;
}
