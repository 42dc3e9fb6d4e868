import { DOC_KINDS } from "~/features/documents/doc-templates";
import type { Db } from "~/utils/db.server";
import { seesWholePortfolio } from "~/features/auth/permissions.server";

export const PORTFOLIO_PAGE_SIZE = 50;

export interface PortfolioQuery {
  /** Matches account name or industry. */
  search?: string;
  /** 1-based. */
  page?: number;
}

/**
 * One page of the accounts the user may see: their teams', or all for
 * executives and admins, by name.
 */
export async function listPortfolio(db: Db, user: { id: string; workspaceRole: string }, query: PortfolioQuery = {}) {
  const everything = seesWholePortfolio(user.workspaceRole);
  const search = query.search?.trim();
  const where = {
    ...(everything ? {} : { members: { some: { userId: user.id } } }),
    ...(search ? { OR: [{ name: { contains: search } }, { industry: { contains: search } }] } : {}),
  };
  const total = await db.account.count({ where });
  const pages = Math.max(1, Math.ceil(total / PORTFOLIO_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pages);
  const accounts = await db.account.findMany({
    where,
    orderBy: { name: "asc" },
    skip: (page - 1) * PORTFOLIO_PAGE_SIZE,
    take: PORTFOLIO_PAGE_SIZE,
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
  return {
    total,
    page,
    pages,
    accounts: accounts.map(({ _count, members, ...account }) => ({
      ...account,
      teamSize: _count.members,
      myRole: members[0]?.role ?? null,
    })),
  };
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
      // Review minutes are reached from their review, not listed with the team's documents.
      documents: {
        where: { kind: { in: [...DOC_KINDS] } },
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
