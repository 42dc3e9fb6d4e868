import type { Prisma } from "@prisma/client";
import {
  OPEN_STATUSES,
  type ActionErrorKey,
  type ActionFilter,
  type ActionItemChanges,
  type ActionItemView,
  type ActionStatus,
  type NewActionItem,
} from "~/shared/schemas/action-item";
import type { Db } from "~/utils/db.server";
import { accountAccess, decideAccountAccess, seesWholePortfolio } from "~/utils/permissions.server";
import type { Workflow } from "~/utils/services.server";
import { recordActivity } from "./activity.server";
import { notify } from "./notification.server";

interface Actor {
  id: string;
  workspaceRole: string;
}

export type ActionField = keyof NewActionItem | "actionId";
export type ActionFieldErrors = Partial<Record<ActionField, ActionErrorKey[]>>;
export type ActionOutcome =
  { ok: true; action: ActionItemView } | { ok: false; status: 400 | 403 | 404; errors: ActionFieldErrors };

/** Team roles that may own an item: the assignee has to be able to move it along. */
const ASSIGNABLE_ROLES = ["lead", "member", "executive"];
const RECENTLY_DONE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

const include = {
  account: { select: { name: true } },
  department: { select: { key: true, name: true, nameZh: true, color: true } },
  assignee: { select: { id: true, name: true } },
  document: { select: { title: true } },
  createdBy: { select: { name: true } },
} as const;
type Row = Prisma.ActionItemGetPayload<{ include: typeof include }>;

/** Today as `YYYY-MM-DD` (UTC, the zone due dates are stored in). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function toView(row: Row, todayIso: string): ActionItemView {
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

const refuse = (status: 400 | 403 | 404, errors: ActionFieldErrors = {}): ActionOutcome => ({
  ok: false,
  status,
  errors,
});

/** Department and assignee ids for the given keys; `undefined` in, `undefined` out (unchanged). */
async function resolvePeople(db: Db, accountId: string, input: Pick<NewActionItem, "department" | "assigneeId">) {
  const errors: ActionFieldErrors = {};
  let departmentId: string | null | undefined = input.department === undefined ? undefined : null;
  if (input.department) {
    const department = await db.department.findUnique({ where: { key: input.department }, select: { id: true } });
    if (department) departmentId = department.id;
    else errors.department = ["actions.error.department"];
  }
  if (input.assigneeId) {
    const member = await db.accountMember.findUnique({
      where: { accountId_userId: { accountId, userId: input.assigneeId } },
      select: { role: true },
    });
    if (!member || !ASSIGNABLE_ROLES.includes(member.role)) errors.assigneeId = ["actions.error.assignee"];
  }
  return { departmentId, errors };
}

/** The comment thread and document an item came from must be this account's. */
async function resolveSource(db: Db, accountId: string, input: Pick<NewActionItem, "documentId" | "threadId">) {
  const errors: ActionFieldErrors = {};
  let documentId = input.documentId ?? null;
  if (input.threadId) {
    const thread = await db.commentThread.findUnique({
      where: { id: input.threadId },
      select: { accountId: true, documentId: true },
    });
    if (!thread || thread.accountId !== accountId || (documentId && documentId !== thread.documentId)) {
      errors.threadId = ["actions.error.thread"];
    } else documentId = thread.documentId;
  }
  if (documentId && !errors.threadId) {
    const document = await db.document.findUnique({ where: { id: documentId }, select: { accountId: true } });
    if (document?.accountId !== accountId) errors.documentId = ["actions.error.document"];
  }
  return { documentId, errors };
}

/** `YYYY-MM-DD` as UTC midnight; null (clear) and undefined (unchanged) pass through. */
function asDate(iso: string | null | undefined): Date | null | undefined {
  return iso ? new Date(`${iso}T00:00:00Z`) : iso === undefined ? undefined : null;
}
const completedAtFor = (status: ActionStatus) => (status === "done" ? new Date() : null);

/** Creates an item for someone who may edit the account; stores it, then tells the team and the assignee. */
export async function createActionItem(
  workflow: Workflow,
  actor: Actor,
  accountId: string,
  input: NewActionItem,
): Promise<ActionOutcome> {
  const { db } = workflow;
  if (!(await accountAccess(db, actor, accountId)).canEdit) return refuse(403);
  const people = await resolvePeople(db, accountId, input);
  const source = await resolveSource(db, accountId, input);
  const errors = { ...people.errors, ...source.errors };
  if (Object.keys(errors).length > 0) return refuse(400, errors);

  const row = await db.actionItem.create({
    data: {
      accountId,
      title: input.title,
      departmentId: people.departmentId ?? null,
      assigneeId: input.assigneeId ?? null,
      dueDate: asDate(input.dueDate) ?? null,
      status: input.status,
      completedAt: completedAtFor(input.status),
      documentId: source.documentId,
      threadId: input.threadId ?? null,
      quote: input.quote ?? "",
      createdById: actor.id,
    },
    include,
  });
  await announce(workflow, actor, row, {
    kind: "action_created",
    detail: row.assignee?.name ?? "",
    assigned: row.assigneeId,
    affectedUsers: [row.assigneeId],
  });
  return { ok: true, action: toView(row, today()) };
}

/**
 * Changes the fields given (`null` clears one). Done stamps completedAt; any
 * other status clears it. A change that changes nothing stores and sends nothing.
 */
export async function updateActionItem(
  workflow: Workflow,
  actor: Actor,
  accountId: string,
  actionId: string,
  changes: ActionItemChanges,
): Promise<ActionOutcome> {
  const { db } = workflow;
  if (!(await accountAccess(db, actor, accountId)).canEdit) return refuse(403);
  const current = await db.actionItem.findFirst({ where: { id: actionId, accountId } });
  if (!current) return refuse(404, { actionId: ["actions.error.notFound"] });
  const people = await resolvePeople(db, accountId, changes);
  if (Object.keys(people.errors).length > 0) return refuse(400, people.errors);

  const data: Prisma.ActionItemUncheckedUpdateInput = {};
  const changed: string[] = [];
  const set = <K extends "title" | "departmentId" | "assigneeId" | "dueDate" | "status">(
    field: K,
    value: Prisma.ActionItemUncheckedUpdateInput[K] | undefined,
    same: boolean,
  ) => {
    if (value === undefined || same) return;
    data[field] = value;
    changed.push(field);
  };
  const dueDate = asDate(changes.dueDate);
  set("title", changes.title, changes.title === current.title);
  set("departmentId", people.departmentId, people.departmentId === current.departmentId);
  set("assigneeId", changes.assigneeId, changes.assigneeId === current.assigneeId);
  set("dueDate", dueDate, dueDate?.getTime() === current.dueDate?.getTime());
  set("status", changes.status, changes.status === current.status);
  if (changes.status && changes.status !== current.status) data.completedAt = completedAtFor(changes.status);

  const row = changed.length
    ? await db.actionItem.update({ where: { id: actionId }, data, include })
    : await db.actionItem.findUniqueOrThrow({ where: { id: actionId }, include });
  if (changed.length) {
    const reassigned = changed.includes("assigneeId");
    await announce(workflow, actor, row, {
      kind: "action_updated",
      detail: changed.includes("status") ? row.status : changed.join(", "),
      assigned: reassigned ? row.assigneeId : null,
      affectedUsers: [row.assigneeId, reassigned ? current.assigneeId : null],
    });
  }
  return { ok: true, action: toView(row, today()) };
}

/**
 * After storing: the account feed (detail is the assignee's name on creation,
 * the new status on a status change, else the changed fields), a notification
 * for a newly set assignee, and `action:changed` to the account room and to
 * every assignee whose "My action items" list changed.
 */
async function announce(
  workflow: Workflow,
  actor: Actor,
  row: Row,
  change: {
    kind: "action_created" | "action_updated";
    detail: string;
    assigned: string | null;
    affectedUsers: Array<string | null>;
  },
): Promise<void> {
  await recordActivity(workflow, {
    accountId: row.accountId,
    actorId: actor.id,
    kind: change.kind,
    documentId: row.documentId,
    subject: row.title,
    detail: change.detail,
  });
  if (change.assigned) {
    await notify(workflow, [
      {
        userId: change.assigned,
        accountId: row.accountId,
        actorId: actor.id,
        kind: "action_assigned",
        title: row.title,
        excerpt: row.quote,
        link: `/accounts/${row.accountId}/actions?focus=${row.id}`,
      },
    ]);
  }
  const payload = { accountId: row.accountId, actionId: row.id };
  workflow.hub.toAccount(row.accountId, "action:changed", payload);
  for (const userId of new Set(change.affectedUsers)) {
    if (userId) workflow.hub.toUser(userId, "action:changed", payload);
  }
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
    include,
  });
  const todayIso = today();
  return rows.map((row) => toView(row, todayIso)).sort(compareActionItems);
}

/**
 * Items assigned to the user on accounts they may still read, overdue first,
 * each with whether the user may change it; and what they finished lately.
 */
export async function listMyActionItems(db: Db, user: Actor) {
  const readable = seesWholePortfolio(user.workspaceRole)
    ? {}
    : { account: { members: { some: { userId: user.id } } } };
  const withRole = {
    ...include,
    account: { select: { name: true, members: { where: { userId: user.id }, select: { role: true } } } },
  } as const;
  const [open, done] = await Promise.all([
    db.actionItem.findMany({
      where: { assigneeId: user.id, status: { in: [...OPEN_STATUSES] }, ...readable },
      include: withRole,
    }),
    db.actionItem.findMany({
      where: {
        assigneeId: user.id,
        status: "done",
        completedAt: { gte: new Date(Date.now() - RECENTLY_DONE_DAYS * DAY_MS) },
        ...readable,
      },
      include,
      orderBy: { completedAt: "desc" },
      take: 20,
    }),
  ]);
  const todayIso = today();
  return {
    open: open
      .map((row) => ({
        ...toView(row, todayIso),
        canEdit: decideAccountAccess(user.workspaceRole, row.account.members[0]?.role).canEdit,
      }))
      .sort(compareActionItems),
    recentlyDone: done.map((row) => toView(row, todayIso)),
  };
}

/** The account's name, and what the item forms offer: every department, and the team members who can own an item. */
export async function actionBoardContext(db: Db, accountId: string) {
  const [account, departments, members] = await Promise.all([
    db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } }),
    db.department.findMany({
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
