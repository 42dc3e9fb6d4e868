import { z } from "zod";
import {
  ACTION_FILTERS,
  ACTION_STATUSES,
  CreateActionItemSchema,
  UpdateActionItemSchema,
} from "~/features/action-items/action-item.schema";
import { createActionItem, updateActionItem, type ActionOutcome } from "~/features/action-items/action-item.server";
import {
  actionItemInclude,
  listAccountActionItems,
  toActionItemView,
  today,
} from "~/features/action-items/action-item-views.server";
import { noteAudit } from "~/features/audit/audit-scope.server";
import { translate } from "~/i18n/i18n.server";
import { IdSchema } from "~/shared/id";
import { ApiError, notFound } from "./api-error.server";
import { isoDateTime, pageOf, PageQuerySchema } from "./api-schemas";
import { requireAccount } from "./access.server";
import { AccountParams } from "./accounts.api.server";
import { operation, type ApiContext } from "./operation.server";
import { paginate } from "./pagination.server";

const tag = "Action items";
const department = z.object({ key: z.string(), name: z.string(), nameZh: z.string(), color: z.string() });

export const ActionItemSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  title: z.string(),
  status: z.enum(ACTION_STATUSES),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  department: department.nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  documentId: z.string().nullable(),
  documentTitle: z.string().nullable(),
  threadId: z.string().nullable(),
  quote: z.string(),
  createdByName: z.string(),
  createdAt: isoDateTime,
  completedAt: isoDateTime.nullable(),
});

const ActionItemParams = z.object({ actionItemId: IdSchema });

/** The command's refusal with its field errors, in English. */
function refusal(outcome: Extract<ActionOutcome, { ok: false }>): ApiError {
  if (outcome.status === 404) return notFound();
  const details = Object.entries(outcome.errors).flatMap(([field, keys]) =>
    (keys ?? []).map((key) => ({ path: `body.${field}`, message: translate("en", key) })),
  );
  const code = outcome.status === 403 ? "forbidden" : outcome.status === 409 ? "conflict" : "invalid_request";
  return new ApiError(outcome.status, code, details[0]?.message ?? "Refused", details);
}

/** The item's account, after checking the user may see it (404 otherwise, as for an unknown id). */
async function itemAccount(context: ApiContext, actionItemId: string, need: "read" | "edit") {
  const item = await context.services.db.actionItem.findUnique({
    where: { id: actionItemId },
    select: { accountId: true },
  });
  if (!item) throw notFound();
  await requireAccount(context, item.accountId, need);
  return item.accountId;
}

const listActionItems = operation({
  method: "get",
  path: "/accounts/{accountId}/action-items",
  operationId: "listActionItems",
  summary: "The account's action items, oldest first",
  description: "`status`: open (open and in progress, the default), done, or all.",
  tag,
  params: AccountParams,
  query: PageQuerySchema.extend({
    status: z.enum(ACTION_FILTERS).default("open"),
    department: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/)
      .optional(),
  }),
  response: pageOf(ActionItemSchema),
  async handler(context) {
    await requireAccount(context, context.params.accountId);
    const items = await listAccountActionItems(context.services.db, context.params.accountId, {
      department: context.query.department,
      filter: context.query.status,
    });
    return paginate(items, (item) => [item.createdAt, item.id], context.query);
  },
});

const getActionItem = operation({
  method: "get",
  path: "/action-items/{actionItemId}",
  operationId: "getActionItem",
  summary: "One action item",
  tag,
  params: ActionItemParams,
  response: ActionItemSchema,
  async handler(context) {
    await itemAccount(context, context.params.actionItemId, "read");
    const row = await context.services.db.actionItem.findUniqueOrThrow({
      where: { id: context.params.actionItemId },
      include: actionItemInclude,
    });
    return toActionItemView(row, today());
  },
});

const createItem = operation({
  method: "post",
  path: "/accounts/{accountId}/action-items",
  operationId: "createActionItem",
  summary: "Create an action item",
  description: "With a `clientId`, a retried request answers with the item the first one created.",
  tag,
  params: AccountParams,
  body: CreateActionItemSchema.omit({ intent: true }).strict(),
  response: ActionItemSchema,
  status: 201,
  async handler(context) {
    const { accountId } = context.params;
    await requireAccount(context, accountId, "edit");
    const outcome = await createActionItem(context.services, context.user, accountId, context.body);
    if (!outcome.ok) throw refusal(outcome);
    noteAudit({ action: "api.createActionItem", accountId, objectType: "actionItem", objectId: outcome.action.id });
    return outcome.action;
  },
});

const updateItem = operation({
  method: "patch",
  path: "/action-items/{actionItemId}",
  operationId: "updateActionItem",
  summary: "Change an action item's title, owner, due date or status",
  description: "`null` clears a field; `cancelled` is how an item is withdrawn (items are not deleted).",
  tag,
  params: ActionItemParams,
  body: UpdateActionItemSchema.omit({ intent: true, actionId: true }).strict(),
  response: ActionItemSchema,
  async handler(context) {
    const { actionItemId } = context.params;
    const accountId = await itemAccount(context, actionItemId, "edit");
    const outcome = await updateActionItem(context.services, context.user, accountId, actionItemId, context.body);
    if (!outcome.ok) throw refusal(outcome);
    noteAudit({ action: "api.updateActionItem", accountId, objectType: "actionItem", objectId: actionItemId });
    return outcome.action;
  },
});

export const actionItemOperations = [listActionItems, getActionItem, createItem, updateItem];
