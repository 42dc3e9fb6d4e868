import type { Db } from "~/utils/db.server";

export type AccountRole = "lead" | "member" | "viewer" | "executive";
export type WorkspaceRole = "member" | "executive" | "admin";

/** What one user may do on one account. The single place these rules live. */
export interface AccountAccess {
  canRead: boolean;
  canEdit: boolean;
  /** May add and remove team members and set their department and role. */
  canManageTeam: boolean;
  /** Team role, or null when the access comes from the workspace role. */
  role: AccountRole | null;
}

const NO_ACCESS: AccountAccess = { canRead: false, canEdit: false, canManageTeam: false, role: null };

/**
 * The account's team sees its data; viewers read only. Executives and admins
 * see every account (portfolio oversight) but edit only where they are on the
 * team. Everyone else sees nothing. The team's leads manage it, and so do
 * workspace admins, who must be able to fix a team whose lead left.
 */
export function decideAccountAccess(workspaceRole: string, teamRole: string | null | undefined): AccountAccess {
  const canManageTeam = teamRole === "lead" || workspaceRole === "admin";
  if (teamRole === "lead" || teamRole === "member" || teamRole === "executive") {
    return { canRead: true, canEdit: true, canManageTeam, role: teamRole };
  }
  if (teamRole === "viewer") return { canRead: true, canEdit: false, canManageTeam, role: "viewer" };
  if (workspaceRole === "executive" || workspaceRole === "admin") {
    return { canRead: true, canEdit: false, canManageTeam, role: null };
  }
  return NO_ACCESS;
}

export async function accountAccess(
  db: Db,
  user: { id: string; workspaceRole: string },
  accountId: string,
): Promise<AccountAccess> {
  const membership = await db.accountMember.findUnique({
    where: { accountId_userId: { accountId, userId: user.id } },
    select: { role: true },
  });
  return decideAccountAccess(user.workspaceRole, membership?.role);
}

/** True when the user sees every account, not only their teams'. */
export function seesWholePortfolio(workspaceRole: string): boolean {
  return workspaceRole === "executive" || workspaceRole === "admin";
}
