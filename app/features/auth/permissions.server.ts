import type { Db } from "~/utils/db.server";

export type AccountRole = "lead" | "member" | "viewer" | "executive";
export type WorkspaceRole = "member" | "executive" | "admin";

/** What one user may do on one account. The single place these rules live. */
export interface AccountAccess {
  canRead: boolean;
  canEdit: boolean;
  /** May start and answer comment threads: everyone on the team, viewers included (PRODUCT.md). */
  canComment: boolean;
  /** May add and remove team members and set their department and role. */
  canManageTeam: boolean;
  /** Team role, or null when the access comes from the workspace role. */
  role: AccountRole | null;
}

const NO_ACCESS: AccountAccess = {
  canRead: false,
  canEdit: false,
  canComment: false,
  canManageTeam: false,
  role: null,
};

/**
 * The account's team sees its data; viewers read and comment. Executives and admins
 * see every account (portfolio oversight) but edit only where they are on the
 * team. Everyone else sees nothing. The team's leads manage it, and so do
 * workspace admins, who must be able to fix a team whose lead left.
 */
export function decideAccountAccess(workspaceRole: string, teamRole: string | null | undefined): AccountAccess {
  const canManageTeam = teamRole === "lead" || workspaceRole === "admin";
  if (teamRole === "lead" || teamRole === "member" || teamRole === "executive") {
    return { canRead: true, canEdit: true, canComment: true, canManageTeam, role: teamRole };
  }
  if (teamRole === "viewer") return { canRead: true, canEdit: false, canComment: true, canManageTeam, role: "viewer" };
  // Oversight, not membership: they read the account but do not take part in its discussions.
  if (workspaceRole === "executive" || workspaceRole === "admin") {
    return { canRead: true, canEdit: false, canComment: false, canManageTeam, role: null };
  }
  return NO_ACCESS;
}

export async function accountAccess(
  db: Db,
  user: { id: string; workspaceRole: string },
  accountId: string,
): Promise<AccountAccess> {
  // The account itself too, not only the membership: an executive's or admin's access
  // to every account must not extend to one that does not exist (a page would then load
  // nothing and fail, where it should say "not found").
  const [row] = await db.$queryRaw<{ role: string | null }[]>`
    SELECT m.role FROM "Account" a
    LEFT JOIN "AccountMember" m ON m."accountId" = a.id AND m."userId" = ${user.id}
    WHERE a.id = ${accountId}`;
  return row ? decideAccountAccess(user.workspaceRole, row.role) : NO_ACCESS;
}

/**
 * A document's account and what the user may do on it, or null when there is
 * no such document: one statement, because every collaboration connection
 * asks it at its upgrade (a reconnect after a restart asks it a thousand times).
 */
export async function documentAccess(
  db: Db,
  user: { id: string; workspaceRole: string },
  documentId: string,
): Promise<{ accountId: string; access: AccountAccess } | null> {
  const [row] = await db.$queryRaw<{ accountId: string; role: string | null }[]>`
    SELECT d."accountId", m.role FROM "Document" d
    LEFT JOIN "AccountMember" m ON m."accountId" = d."accountId" AND m."userId" = ${user.id}
    WHERE d.id = ${documentId}`;
  if (!row) return null;
  return { accountId: row.accountId, access: decideAccountAccess(user.workspaceRole, row.role) };
}

/** True when the user sees every account, not only their teams'. */
export function seesWholePortfolio(workspaceRole: string): boolean {
  return workspaceRole === "executive" || workspaceRole === "admin";
}
