import type { AppLoadContext } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { safeRedirect } from "~/features/auth/auth.schema";
import { invariantResponse } from "~/features/auth/guards.server";
import type { SessionUser } from "~/features/auth/session.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import type { Db } from "~/utils/db.server";
import {
  actionBoardContext,
  actionItemInclude,
  pageAccountActionItems,
  toActionItemView,
  today,
} from "./action-item-views.server";
import type { ActionItemView } from "./action-item.schema";
import { createActionItem, updateActionItem, type ActionFieldErrors } from "./action-item.server";
import type { z } from "zod";
import { ActionListQuerySchema, CreateActionItemSchema, type ActionItemIntentSchema } from "./action-item.schema";

/** Where an item came from, when the page is opened from a document's comment ("turn into action item"). */
const SourceQuerySchema = CreateActionItemSchema.pick({ documentId: true, threadId: true, quote: true }).catch({});

/** The account's items as the page's filters (`?department=`, `?status=`, `?focus=`) ask, and what the forms offer. */
export async function loadAccountActions(db: Db, accountId: string, url: URL, canEdit: boolean) {
  const { account, departments, assignees } = await actionBoardContext(db, accountId);
  invariantResponse(account, "Account not found", 404);
  const search = Object.fromEntries(url.searchParams);
  const query = ActionListQuerySchema.parse(search);
  // A linked item (a notification's ?focus=) must be on the page even when it is already done.
  const filter = query.status ?? (query.focus ? "all" : "open");
  const page = await pageAccountActionItems(db, accountId, {
    department: query.department,
    filter,
    after: query.after,
  });
  const items = await withFocused(db, accountId, page.items, query.after ? undefined : query.focus);
  return {
    account,
    departments,
    assignees,
    items,
    next: page.next,
    total: page.total,
    paged: Boolean(query.after),
    canEdit,
    filter,
    department: query.department ?? null,
    focus: query.focus ?? null,
    source: SourceQuerySchema.parse(search),
  };
}

/** A linked item further down the list than the first page still opens in view, at the top. */
async function withFocused(db: Db, accountId: string, items: ActionItemView[], focus: string | undefined) {
  if (!focus || items.some((item) => item.id === focus)) return items;
  const row = await db.actionItem.findFirst({ where: { id: focus, accountId }, include: actionItemInclude });
  return row ? [toActionItemView(row, today()), ...items] : items;
}

type Errors = Record<string, string[]>;
type ActionItemIntent = z.infer<typeof ActionItemIntentSchema>;

/**
 * Creates or updates an item. A form that sent `redirectTo` goes back there
 * with the item in focus; fetchers get JSON.
 */
export async function saveActionItemIntent(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  input: ActionItemIntent,
  redirectTo: unknown,
) {
  const outcome =
    input.intent === "create"
      ? await createActionItem(context, user, accountId, input)
      : await updateActionItem(context, user, accountId, input.actionId, input);
  if (!outcome.ok) {
    invariantResponse(outcome.status !== 403, "Forbidden", 403);
    return json(
      { ok: false as const, errors: localizeActionErrors(locale, outcome.errors) },
      { status: outcome.status },
    );
  }
  if (typeof redirectTo === "string") {
    const back = new URL(safeRedirect(redirectTo, `/accounts/${accountId}/actions`), "http://keyroom");
    back.searchParams.set("focus", outcome.action.id);
    return redirect(back.pathname + back.search);
  }
  return json({ ok: true as const, action: outcome.action });
}

/** Field → messages in the user's language. */
export function localizeActionErrors(
  locale: Locale,
  errors: ActionFieldErrors | Record<string, string[] | undefined>,
): Errors {
  const out: Errors = {};
  for (const [field, keys] of Object.entries(errors)) {
    if (!keys?.length) continue;
    // One message per problem: a value can fail two checks that explain it the same way.
    const messages = keys.map((key) =>
      translate(locale, (key.startsWith("actions.error.") ? key : "actions.error.invalid") as MessageKey),
    );
    out[field] = [...new Set(messages)];
  }
  return out;
}
