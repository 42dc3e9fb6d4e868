import { cutPage, newestFirst, olderThan, parseOlderCursor } from "~/utils/newest-first.server";
import type { Prisma } from "@prisma/client";
import type { NotificationKind, NotificationPayload } from "~/shared/hub";
import type { Db } from "~/utils/db.server";
import { decideAccountAccess } from "~/features/auth/permissions.server";
import type { Workflow } from "~/utils/services.server";
import { afterCommit } from "~/utils/after-commit.server";

const LIST_LIMIT = 50;

export interface NewNotification {
  userId: string;
  accountId: string | null;
  actorId: string | null;
  kind: NotificationKind;
  title: string;
  excerpt: string;
  link: string;
}

const include = { actor: { select: { name: true } }, account: { select: { name: true } } } as const;

type Row = Prisma.NotificationGetPayload<{ include: typeof include }>;
function findWithNames(db: Db, where: Prisma.NotificationWhereInput) {
  return db.notification.findMany({ where, include, orderBy: { createdAt: "asc" } });
}

function toPayload(row: Row): NotificationPayload {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    accountId: row.accountId,
    accountName: row.account?.name ?? null,
    actorName: row.actor?.name ?? null,
    title: row.title,
    excerpt: row.excerpt,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * Stores the notifications, then pushes each to its recipient's open tabs.
 * Never notifies the actor, nor anyone who can no longer read the account
 * (removed from the team, deactivated): the excerpt is the account's data.
 *
 * Every caller has stored its own change already, so this never throws: a
 * failure is logged and the change it tells about stands.
 */
export async function notify(workflow: Workflow, notifications: NewNotification[]): Promise<void> {
  await afterCommit("notifications: not stored or sent", { count: notifications.length }, async () => {
    const readers = await readersOf(
      workflow.db,
      notifications.map((n) => n.accountId),
      notifications.map((n) => n.userId),
    );
    const wanted = notifications.filter(
      (n) => n.userId !== n.actorId && (n.accountId === null || readers.has(`${n.accountId}:${n.userId}`)),
    );
    if (wanted.length === 0) return;
    const created = await workflow.db.notification.createManyAndReturn({ data: wanted, select: { id: true } });
    const rows = await findWithNames(workflow.db, { id: { in: created.map((row) => row.id) } });
    for (const row of rows) workflow.hub.toUser(row.userId, "notification", toPayload(row));
  });
}

/** `account:user` pairs among the candidates where the user, active, may read the account. */
async function readersOf(db: Db, accountIds: (string | null)[], userIds: string[]): Promise<Set<string>> {
  const accounts = [...new Set(accountIds.filter((id): id is string => id !== null))];
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(userIds)] }, active: true },
    select: { id: true, workspaceRole: true, memberships: { where: { accountId: { in: accounts } } } },
  });
  const readers = new Set<string>();
  for (const user of users) {
    for (const accountId of accounts) {
      const role = user.memberships.find((m) => m.accountId === accountId)?.role;
      if (decideAccountAccess(user.workspaceRole, role).canRead) readers.add(`${accountId}:${user.id}`);
    }
  }
  return readers;
}

/** Newest first, a page at a time, for the notification centre (`before`: a page's `older`). */
export async function listNotifications(db: Db, userId: string, before?: string | null) {
  const cursor = parseOlderCursor(before);
  const rows = await db.notification.findMany({
    where: { userId, ...olderThan("createdAt", cursor) },
    include,
    orderBy: newestFirst("createdAt"),
    take: LIST_LIMIT + 1,
  });
  const page = cutPage(rows, LIST_LIMIT, (row) => row.createdAt);
  return {
    notifications: page.rows.map(toPayload),
    unread: await unreadCount(db, userId),
    older: page.older,
    paged: cursor !== null,
  };
}

/**
 * What a returning client missed: notifications created after `since`
 * (oldest first), or the latest ones when it has none yet.
 */
export async function listNotificationsSince(db: Db, userId: string, since: string | null) {
  const rows = since
    ? await db.notification.findMany({
        where: { userId, createdAt: { gt: new Date(since) } },
        include,
        orderBy: { createdAt: "asc" },
        take: LIST_LIMIT,
      })
    : (
        await db.notification.findMany({ where: { userId }, include, orderBy: { createdAt: "desc" }, take: LIST_LIMIT })
      ).reverse();
  return { notifications: rows.map(toPayload), unread: await unreadCount(db, userId) };
}

export function unreadCount(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Marks some (or, with `ids` null, all) of the user's notifications read. */
export async function markRead(db: Db, userId: string, ids: string[] | null): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
