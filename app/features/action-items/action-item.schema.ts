import { z } from "zod";
import { ClientIdSchema } from "~/shared/client-id";
import { ID_PATTERN } from "~/shared/id";

export const ACTION_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const isActionStatus = (value: string): value is ActionStatus =>
  (ACTION_STATUSES as readonly string[]).includes(value);

/** Statuses still waiting on someone: what "My action items" and the default filter show. */
export const OPEN_STATUSES: readonly ActionStatus[] = ["open", "in_progress"];

export const ACTION_FILTERS = ["open", "done", "all"] as const;
export type ActionFilter = (typeof ACTION_FILTERS)[number];

/**
 * Messages are i18n keys (app/i18n/en/actions.json) so the route can answer in
 * the user's language, whichever check (zod or the model's) refused the field.
 */
export type ActionErrorKey =
  | "actions.error.title"
  | "actions.error.department"
  | "actions.error.assignee"
  | "actions.error.dueDate"
  | "actions.error.status"
  | "actions.error.document"
  | "actions.error.thread"
  | "actions.error.quote"
  | "actions.error.notFound"
  | "actions.error.busy"
  | "actions.error.invalid";

const KEY = /^[a-z0-9_-]{1,40}$/;
const id = (message?: ActionErrorKey) => z.string().regex(ID_PATTERN, message);

/** Empty form fields mean "none": null clears a field on update, undefined leaves it alone. */
function optional<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (value === "" ? null : value), schema.nullable().optional());
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const fields = {
  title: z
    .string({ required_error: "actions.error.title" })
    .trim()
    .min(1, "actions.error.title")
    .max(200, "actions.error.title"),
  department: optional(z.string().trim().regex(KEY, "actions.error.department")),
  assigneeId: optional(id("actions.error.assignee")),
  dueDate: optional(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "actions.error.dueDate")
      .refine(isRealDate, "actions.error.dueDate"),
  ),
  status: z.enum(ACTION_STATUSES, { errorMap: () => ({ message: "actions.error.status" }) }),
};

export const CreateActionItemSchema = z.object({
  intent: z.literal("create"),
  ...fields,
  status: fields.status.default("open"),
  documentId: optional(id("actions.error.document")),
  threadId: optional(id("actions.error.thread")),
  quote: optional(z.string().trim().max(500, "actions.error.quote")),
  clientId: ClientIdSchema,
});

export const UpdateActionItemSchema = z.object({
  intent: z.literal("update"),
  actionId: id("actions.error.notFound"),
  title: fields.title.optional(),
  department: fields.department,
  assigneeId: fields.assigneeId,
  dueDate: fields.dueDate,
  status: fields.status.optional(),
});

export const ActionItemIntentSchema = z.discriminatedUnion("intent", [CreateActionItemSchema, UpdateActionItemSchema]);

export type NewActionItem = Omit<z.infer<typeof CreateActionItemSchema>, "intent">;
export type ActionItemChanges = Omit<z.infer<typeof UpdateActionItemSchema>, "intent" | "actionId">;

/** Query string of the account's action list. */
export const ActionListQuerySchema = z.object({
  department: z.string().regex(KEY).optional().catch(undefined),
  status: z.enum(ACTION_FILTERS).optional().catch(undefined),
  focus: id().optional().catch(undefined),
  /** The next page's cursor (a page's `next`); a malformed one starts from the top. */
  after: z.string().max(100).optional().catch(undefined),
});

/** One action item as loaders send it to the browser (dates as strings). */
export interface ActionItemView {
  id: string;
  accountId: string;
  accountName: string;
  title: string;
  status: ActionStatus;
  /** `YYYY-MM-DD`. */
  dueDate: string | null;
  /** Open or in progress, and the due date is before today. */
  overdue: boolean;
  department: { key: string; name: string; nameZh: string; color: string } | null;
  assignee: { id: string; name: string } | null;
  documentId: string | null;
  documentTitle: string | null;
  threadId: string | null;
  quote: string;
  createdByName: string;
  createdAt: string;
  completedAt: string | null;
}
