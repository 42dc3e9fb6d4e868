import type { ActionItem, Prisma } from "@prisma/client";
import {
  type ActionErrorKey,
  type ActionItemChanges,
  type ActionItemView,
  type ActionStatus,
  type NewActionItem,
} from "~/features/action-items/action-item.schema";
import type { Db } from "~/utils/db.server";
import { accountAccess } from "~/features/auth/permissions.server";
import type { Workflow } from "~/utils/services.server";
import {
  ASSIGNABLE_ROLES,
  actionItemInclude,
  type ActionItemRow,
  toActionItemView,
  today,
} from "./action-item-views.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { afterCommit, isUniqueViolation } from "~/utils/after-commit.server";
import { notify } from "~/features/notifications/notification.server";
import { skipAudit } from "~/features/audit/audit-scope.server";

interface Actor {
  id: string;
  workspaceRole: string;
}

export type ActionField = keyof NewActionItem | "actionId";
export type ActionFieldErrors = Partial<Record<ActionField, ActionErrorKey[]>>;
export type ActionOutcome =
  { ok: true; action: ActionItemView } | { ok: false; status: 400 | 403 | 404 | 409; errors: ActionFieldErrors };

/** Team roles that may own an item: the assignee has to be able to move it along. */

const refuse = (status: 400 | 403 | 404 | 409, errors: ActionFieldErrors = {}): ActionOutcome => ({
  ok: false,
  status,
  errors,
});

/**
 * Department and assignee ids for the given keys; `undefined` in, `undefined`
 * out (unchanged). An archived department takes no new items; an item already
 * in one (`keptDepartmentId`) may keep it.
 */
async function resolvePeople(
  db: Db,
  accountId: string,
  input: Pick<NewActionItem, "department" | "assigneeId">,
  keptDepartmentId: string | null = null,
) {
  const errors: ActionFieldErrors = {};
  let departmentId: string | null | undefined = input.department === undefined ? undefined : null;
  if (input.department) {
    const department = await db.department.findUnique({
      where: { key: input.department },
      select: { id: true, archivedAt: true },
    });
    if (department && (department.archivedAt === null || department.id === keptDepartmentId)) {
      departmentId = department.id;
    } else errors.department = ["actions.error.department"];
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

/**
 * The item this person already created with this client id, for a retried
 * submit; the same id on another account is a client's mistake, not a retry.
 */
async function createdBefore(db: Db, actor: Actor, accountId: string, clientId: string | undefined) {
  if (!clientId) return null;
  const row = await db.actionItem.findUnique({
    where: { createdById_clientId: { createdById: actor.id, clientId } },
    include: actionItemInclude,
  });
  if (!row) return null;
  return row.accountId === accountId
    ? ({ ok: true, action: toActionItemView(row, today()) } as const)
    : refuse(400, { clientId: ["actions.error.invalid"] });
}

/**
 * Creates an item for someone who may edit the account; stores it, then tells
 * the team and the assignee (best effort: once stored, the answer is success).
 * `origin.reviewId`: the review it was decided in (checked by the caller). With
 * a `clientId`, a retried submit answers with the item the first one created.
 */
export async function createActionItem(
  workflow: Workflow,
  actor: Actor,
  accountId: string,
  input: NewActionItem,
  origin: { reviewId?: string } = {},
): Promise<ActionOutcome> {
  const { db } = workflow;
  if (!(await accountAccess(db, actor, accountId)).canEdit) return refuse(403);
  const earlier = await createdBefore(db, actor, accountId, input.clientId);
  if (earlier) {
    // A retried submit: answered with what the first one made, and logged once.
    skipAudit();
    return earlier;
  }
  const people = await resolvePeople(db, accountId, input);
  const source = await resolveSource(db, accountId, input);
  const errors = { ...people.errors, ...source.errors };
  if (Object.keys(errors).length > 0) return refuse(400, errors);

  const data: Prisma.ActionItemUncheckedCreateInput = {
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
    reviewId: origin.reviewId ?? null,
    clientId: input.clientId ?? null,
  };
  let row: ActionItemRow;
  try {
    row = await db.actionItem.create({ data, include: actionItemInclude });
  } catch (error) {
    const raced = isUniqueViolation(error) && (await createdBefore(db, actor, accountId, input.clientId));
    if (raced) return raced;
    throw error;
  }
  await afterCommit("actions: new item not announced", { actionId: row.id }, () =>
    announce(workflow, actor, row, {
      kind: "action_created",
      detail: row.assignee?.name ?? "",
      assigned: row.assigneeId,
      affectedUsers: [row.assigneeId],
    }),
  );
  return { ok: true, action: toActionItemView(row, today()) };
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
  const kept = await db.actionItem.findFirst({ where: { id: actionId, accountId }, select: { departmentId: true } });
  const people = await resolvePeople(db, accountId, changes, kept?.departmentId ?? null);
  if (Object.keys(people.errors).length > 0) return refuse(400, people.errors);

  // Compare-and-set: the change is written only while the fields it changes still
  // hold what was read, so two people marking an item done at once announce it once;
  // the later one re-reads and finds nothing left to change.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await db.actionItem.findFirst({ where: { id: actionId, accountId } });
    if (!current) return refuse(404, { actionId: ["actions.error.notFound"] });
    const { data, changed } = planChange(current, changes, people.departmentId);
    if (changed.length === 0) {
      const row = await db.actionItem.findUniqueOrThrow({ where: { id: actionId }, include: actionItemInclude });
      return { ok: true, action: toActionItemView(row, today()) };
    }
    const unchangedSinceRead = Object.fromEntries(changed.map((field) => [field, current[field]]));
    const written = await db.actionItem.updateMany({ where: { id: actionId, ...unchangedSinceRead }, data });
    if (written.count === 0) continue;
    const row = await db.actionItem.findUniqueOrThrow({ where: { id: actionId }, include: actionItemInclude });
    const reassigned = changed.includes("assigneeId");
    await afterCommit("actions: change not announced", { actionId }, () =>
      announce(workflow, actor, row, {
        kind: "action_updated",
        detail: changed.includes("status") ? row.status : changed.join(", "),
        assigned: reassigned ? row.assigneeId : null,
        affectedUsers: [row.assigneeId, reassigned ? current.assigneeId : null],
      }),
    );
    return { ok: true, action: toActionItemView(row, today()) };
  }
  return refuse(409, { actionId: ["actions.error.busy"] });
}

type ChangeableField = "title" | "departmentId" | "assigneeId" | "dueDate" | "status";

/** The fields of `changes` that differ from the item as read, and the update that sets them. */
function planChange(current: ActionItem, changes: ActionItemChanges, departmentId: string | null | undefined) {
  const data: Prisma.ActionItemUncheckedUpdateManyInput = {};
  const changed: ChangeableField[] = [];
  const set = <K extends ChangeableField>(
    field: K,
    value: Prisma.ActionItemUncheckedUpdateManyInput[K] | undefined,
    same: boolean,
  ) => {
    if (value === undefined || same) return;
    data[field] = value;
    changed.push(field);
  };
  const dueDate = asDate(changes.dueDate);
  set("title", changes.title, changes.title === current.title);
  set("departmentId", departmentId, departmentId === current.departmentId);
  set("assigneeId", changes.assigneeId, changes.assigneeId === current.assigneeId);
  set("dueDate", dueDate, dueDate?.getTime() === current.dueDate?.getTime());
  set("status", changes.status, changes.status === current.status);
  if (changes.status && changes.status !== current.status) data.completedAt = completedAtFor(changes.status);
  return { data, changed };
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
  row: ActionItemRow,
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
