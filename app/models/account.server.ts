import type { Db } from "~/utils/db.server";
import { seesWholePortfolio } from "~/utils/permissions.server";

/** Accounts the user may see: their teams', or all for executives and admins. */
export async function listPortfolio(db: Db, user: { id: string; workspaceRole: string }) {
  const everything = seesWholePortfolio(user.workspaceRole);
  const accounts = await db.account.findMany({
    where: everything ? undefined : { members: { some: { userId: user.id } } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      industry: true,
      tier: true,
      ladderStage: true,
      lifecycleStage: true,
      _count: { select: { members: true } },
      members: { where: { userId: user.id }, select: { role: true } },
    },
  });
  return accounts.map(({ _count, members, ...account }) => ({
    ...account,
    teamSize: _count.members,
    myRole: members[0]?.role ?? null,
  }));
}

/** Everything the account page shows, for a caller already checked by accountAccess. */
export async function getAccountOverview(db: Db, accountId: string) {
  return db.account.findUnique({
    where: { id: accountId },
    include: {
      members: {
        include: {
          user: { select: { id: true, name: true, email: true } },
          department: true,
        },
        orderBy: [{ department: { sortOrder: "asc" } }, { role: "asc" }],
      },
      documents: {
        orderBy: { updatedAt: "desc" },
        select: { id: true, kind: true, title: true, updatedAt: true },
      },
      stageChanges: {
        orderBy: { changedAt: "desc" },
        include: { user: { select: { name: true } } },
      },
    },
  });
}
