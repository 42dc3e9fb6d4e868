import { Prisma } from "@prisma/client";
import { TEAM_ROLES, type TeamErrorCode, type TeamRole } from "~/features/team/team.schema";
import type { Db } from "~/utils/db.server";
import { decideAccountAccess, type AccountAccess } from "~/features/auth/permissions.server";
import type { Services } from "~/utils/services.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { notify } from "~/features/notifications/notification.server";

/** What a team change needs: store, broadcast, and end or refresh live connections. */
export type TeamServices = Pick<Services, "db" | "hub" | "live">;

/** A refused team change: a stable code for the page, an English message for other clients. */
export class TeamChangeError extends Error {
  constructor(
    readonly code: TeamErrorCode,
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

export interface MemberChange {
  userId: string;
  /** Department key. */
  department: string;
  role: TeamRole;
}

const roleRank = (role: string) => TEAM_ROLES.indexOf(role as TeamRole);

/** The account, its team in department order (leads first) and the departments a member can be put in. */
export async function getTeam(db: Db, accountId: string) {
  const account = await db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } });
  if (!account) return null;
  const members = await db.accountMember.findMany({
    where: { accountId },
    select: {
      role: true,
      user: { select: { id: true, name: true, email: true } },
      department: { select: { key: true, name: true, nameZh: true, color: true, sortOrder: true } },
    },
    orderBy: [{ department: { sortOrder: "asc" } }, { user: { name: "asc" } }],
  });
  // Stable: names stay in order within a role.
  members.sort((a, b) => a.department.sortOrder - b.department.sortOrder || roleRank(a.role) - roleRank(b.role));
  // An archived department takes no new members; the ones already in it keep it in their picker.
  const departments = await db.department.findMany({
    where: { OR: [{ archivedAt: null }, { members: { some: { accountId } } }] },
    orderBy: { sortOrder: "asc" },
    select: { key: true, name: true, nameZh: true, color: true },
  });
  return { account, members, departments };
}

/** Active people not on the team, with their home department to suggest. */
export function listAddableUsers(db: Db, accountId: string) {
  return db.user.findMany({
    where: { active: true, memberships: { none: { accountId } } },
    select: { id: true, name: true, email: true, department: { select: { key: true } } },
    orderBy: { name: "asc" },
  });
}

/** Puts an active user on the team, then tells the team and the person. */
export async function addMember(
  services: TeamServices,
  actorId: string,
  accountId: string,
  change: MemberChange,
): Promise<void> {
  const { db } = services;
  // Admins pass the access check on any account id, existing or not.
  const account = await db.account.findUnique({ where: { id: accountId }, select: { name: true } });
  if (!account) throw new TeamChangeError("unknown_account", "No such account", 404);
  const user = await db.user.findUnique({
    where: { id: change.userId },
    select: { name: true, active: true, workspaceRole: true },
  });
  if (!user) throw new TeamChangeError("unknown_user", "No such user", 404);
  if (!user.active) throw new TeamChangeError("inactive_user", "That user is deactivated");
  const department = await findDepartment(db, change.department, { open: true });
  try {
    await db.accountMember.create({
      data: { accountId, userId: change.userId, departmentId: department.id, role: change.role },
    });
  } catch (error) {
    // The unique (account, user) key decides, so two simultaneous adds cannot both pass.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new TeamChangeError("already_member", "That user is already on the team");
    }
    throw error;
  }
  const detail = describe(change);
  await followAccess(services, change.userId, accountId, user.workspaceRole, null, change.role);
  await recordActivity(services, { accountId, actorId, kind: "member_added", subject: user.name, detail });
  await notify(services, [
    {
      userId: change.userId,
      accountId,
      actorId,
      kind: "member_added",
      title: account.name,
      excerpt: detail,
      link: `/accounts/${accountId}`,
    },
  ]);
}

/** Sets a member's department and role; the team keeps at least one lead. */
export async function changeMember(
  services: TeamServices,
  actorId: string,
  accountId: string,
  change: MemberChange,
): Promise<void> {
  const { db } = services;
  const member = await findMember(db, accountId, change.userId);
  const department = await findDepartment(db, change.department, { open: change.department !== member.department.key });
  if (member.role === change.role && member.department.key === change.department) return;
  const { count } = await db.accountMember.updateMany({
    where: { accountId, userId: change.userId, ...keepsALead(change.userId, change.role) },
    data: { departmentId: department.id, role: change.role },
  });
  if (count === 0) throw await refusal(db, accountId, change.userId);
  await followAccess(services, change.userId, accountId, member.user.workspaceRole, member.role, change.role);
  await recordActivity(services, {
    accountId,
    actorId,
    kind: "member_changed",
    subject: member.user.name,
    detail: describe(change),
  });
}

/** Takes a member off the team and ends their live access; the team keeps at least one lead. */
export async function removeMember(
  services: TeamServices,
  actorId: string,
  accountId: string,
  userId: string,
): Promise<void> {
  const { db } = services;
  const member = await findMember(db, accountId, userId);
  const { count } = await db.accountMember.deleteMany({ where: { accountId, userId, ...keepsALead(userId, null) } });
  if (count === 0) throw await refusal(db, accountId, userId);
  // Before the feed entry: the removed person must not receive it, or anything after it.
  await followAccess(services, userId, accountId, member.user.workspaceRole, member.role, null);
  await recordActivity(services, {
    accountId,
    actorId,
    kind: "member_removed",
    subject: member.user.name,
    detail: describe({ department: member.department.key, role: member.role }),
  });
}

/**
 * Write condition that refuses to leave the team without a lead. It is part
 * of the one UPDATE or DELETE statement, so two leads demoting each other at
 * once cannot both succeed.
 */
function keepsALead(userId: string, newRole: TeamRole | null): Prisma.AccountMemberWhereInput {
  if (newRole === "lead") return {};
  return {
    OR: [{ role: { not: "lead" } }, { account: { members: { some: { role: "lead", userId: { not: userId } } } } }],
  };
}

/** Why a guarded write touched no row: the member left meanwhile, or they are the last lead. */
async function refusal(db: Db, accountId: string, userId: string): Promise<TeamChangeError> {
  const still = await db.accountMember.findUnique({ where: { accountId_userId: { accountId, userId } } });
  return still
    ? new TeamChangeError("last_lead", "The team needs at least one lead")
    : new TeamChangeError("not_member", "That user is not on the team", 404);
}

/**
 * Live connections follow the stored change: closed when the person can no
 * longer read the account, reconnected (to pick up read-only or editing) when
 * their edit rights changed. Admins and executives keep reading off the team.
 */
async function followAccess(
  services: TeamServices,
  userId: string,
  accountId: string,
  workspaceRole: string,
  before: string | null,
  after: string | null,
): Promise<void> {
  const was: AccountAccess = decideAccountAccess(workspaceRole, before);
  const now: AccountAccess = decideAccountAccess(workspaceRole, after);
  if (!now.canRead) await services.live.revokeAccountAccess(userId, accountId);
  else if (now.canEdit !== was.canEdit) services.live.accountAccessChanged(userId, accountId);
}

async function findMember(db: Db, accountId: string, userId: string) {
  const member = await db.accountMember.findUnique({
    where: { accountId_userId: { accountId, userId } },
    select: {
      role: true,
      user: { select: { name: true, workspaceRole: true } },
      department: { select: { key: true } },
    },
  });
  if (!member) throw new TeamChangeError("not_member", "That user is not on the team", 404);
  return member;
}

/** The department by key; an archived one only for someone already in it (`open: false`). */
async function findDepartment(db: Db, key: string, { open }: { open: boolean }) {
  const department = await db.department.findUnique({ where: { key }, select: { id: true, archivedAt: true } });
  if (!department || (open && department.archivedAt)) {
    throw new TeamChangeError("unknown_department", "No such department");
  }
  return department;
}

/** Feed and notification detail as `department/role` keys, so each reader's UI can translate them. */
function describe(change: { department: string; role: string }): string {
  return `${change.department}/${change.role}`;
}
