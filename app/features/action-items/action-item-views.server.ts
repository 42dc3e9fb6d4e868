import type { Prisma } from "@prisma/client";
import {
  OPEN_STATUSES,
  type ActionFilter,
  type ActionItemView,
  type ActionStatus,
} from "~/features/action-items/action-item.schema";
import type { Db } from "~/utils/db.server";
import { decideAccountAccess, seesWholePortfolio } from "~/features/auth/permissions.server";
import { pageActionItems, statusGroups } from "./action-item-pages.server";

interface Reader {
  id: string;
  workspaceRole: string;
}

export const ASSIGNABLE_ROLES = ["lead", "member", "executive"];
const RECENTLY_DONE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export const actionItemInclude = {
  account: { select: { name: true } },
  department: { select: { key: true, name: true, nameZh: true, color: true } },
  assignee: { select: { id: true, name: true } },
  document: { select: { title: true } },
  createdBy: { select: { name: true } },
} as const;
export type ActionItemRow = Prisma.ActionItemGetPayload<{ include: typeof actionItemInclude }>;

/** Today as `YYYY-MM-DD` (UTC, the zone due dates are stored in). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function toActionItemView(row: ActionItemRow, todayIso: string): ActionItemView {
  const dueDate = row.dueDate?.toISOString().slice(0, 10) ?? null;
  const status = row.status as ActionStatus;
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: row.account.name,
    title: row.title,
    status,
    dueDate,
    overdue: dueDate !== null && dueDate < todayIso && OPEN_STATUSES.includes(status),
    department: row.department,
    assignee: row.assignee,
    documentId: row.documentId,
    documentTitle: row.document?.title ?? null,
    threadId: row.threadId,
    quote: row.quote,
    createdByName: row.createdBy.name,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/** Open work first; overdue before due later before no date (ISO dates sort as strings). */
export function compareActionItems(a: ActionItemView, b: ActionItemView): number {
  const closed = (item: ActionItemView) => (OPEN_STATUSES.includes(item.status) ? 0 : 1);
  return (
    closed(a) - closed(b) ||
    (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") ||
    a.createdAt.localeCompare(b.createdAt)
  );
}
/** The account's items for a reader already checked by accountAccess, open work first. */
export async function listAccountActionItems(
  db: Db,
  accountId: string,
  query: { department?: string; filter: ActionFilter },
): Promise<ActionItemView[]> {
  const status =
    query.filter === "open" ? { in: [...OPEN_STATUSES] } : query.filter === "done" ? { equals: "done" } : undefined;
  const rows = await db.actionItem.findMany({
    where: { accountId, status, ...(query.department ? { department: { key: query.department } } : {}) },
    include: actionItemInclude,
  });
  const todayIso = today();
  return rows.map((row) => toActionItemView(row, todayIso)).sort(compareActionItems);
}

/**
 * One page of the account's items for the account's page, open work first, the
 * next page's cursor, and how many match in all.
 */
export async function pageAccountActionItems(
  db: Db,
  accountId: string,
  query: { department?: string; filter: ActionFilter; after?: string | null },
) {
  const where: Prisma.ActionItemWhereInput = {
    accountId,
    ...(query.department ? { department: { key: query.department } } : {}),
  };
  const statuses = statusGroups(query.filter).flat();
  const [page, total] = await Promise.all([
    pageActionItems(db, where, query.filter, actionItemInclude, query.after),
    db.actionItem.count({ where: { AND: [where, { status: { in: [...statuses] } }] } }),
  ]);
  const todayIso = today();
  return { items: page.rows.map((row) => toActionItemView(row, todayIso)), next: page.next, total };
}

/**
 * Items assigned to the user on accounts they may still read, overdue first
 * (a page at a time: `after` is the previous page's `next`), each with whether
 * the user may change it; and what they finished lately.
 */
export async function listMyActionItems(db: Db, user: Reader, after?: string | null) {
  const readable = seesWholePortfolio(user.workspaceRole)
    ? {}
    : { account: { members: { some: { userId: user.id } } } };
  const withRole = {
    ...actionItemInclude,
    account: { select: { name: true, members: { where: { userId: user.id }, select: { role: true } } } },
  } as const;
  const todayIso = today();
  const [open, overdue, done] = await Promise.all([
    pageActionItems(db, { assigneeId: user.id, ...readable }, "open", withRole, after),
    // Over every page, not only the one shown.
    db.actionItem.count({
      where: {
        assigneeId: user.id,
        status: { in: [...OPEN_STATUSES] },
        dueDate: { lt: new Date(`${todayIso}T00:00:00.000Z`) },
        ...readable,
      },
    }),
    db.actionItem.findMany({
      where: {
        assigneeId: user.id,
        status: "done",
        completedAt: { gte: new Date(Date.now() - RECENTLY_DONE_DAYS * DAY_MS) },
        ...readable,
      },
      include: actionItemInclude,
      orderBy: { completedAt: "desc" },
      take: 20,
    }),
  ]);
  return {
    overdue,
    // Already in list order: the page is read in it.
    open: open.rows.map((row) => ({
      ...toActionItemView(row, todayIso),
      canEdit: decideAccountAccess(user.workspaceRole, row.account.members[0]?.role).canEdit,
    })),
    next: open.next,
    recentlyDone: done.map((row) => toActionItemView(row, todayIso)),
  };
}

/** The account's name, and what the item forms offer: every department, and the team members who can own an item. */
export async function actionBoardContext(db: Db, accountId: string) {
  const [account, departments, members] = await Promise.all([
    db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } }),
    // An archived department takes no new items; those already on its items stay choosable for them.
    db.department.findMany({
      where: { OR: [{ archivedAt: null }, { actions: { some: { accountId } } }] },
      orderBy: { sortOrder: "asc" },
      select: { key: true, name: true, nameZh: true, color: true },
    }),
    db.accountMember.findMany({
      where: { accountId, role: { in: ASSIGNABLE_ROLES } },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true } }, department: { select: { key: true } } },
    }),
  ]);
  return {
    account,
    departments,
    assignees: members.map((m) => ({ id: m.user.id, name: m.user.name, departmentKey: m.department.key })),
  };
}
