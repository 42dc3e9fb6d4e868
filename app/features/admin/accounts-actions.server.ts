import { json, type AppLoadContext } from "@remix-run/node";
import { accountNameTaken, createAccounts, resolveOwner } from "~/features/accounts/create-account.server";
import { noteAudit } from "~/features/audit/audit-scope.server";
import type { MessageKey } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { fieldErrorsOf, refuse, type adminAction } from "./admin-form.server";
import type { AdminReply } from "./admin-reply";
import { ACCOUNT_FIELD_MESSAGES, AccountsIntentSchema } from "./accounts.schema";
import { setAccountArchived, transferOwnership, type TransferRefusal } from "./accounts.server";

const OWNER_PROBLEM: Record<string, MessageKey> = {
  "owner-unknown": "admin.accounts.error.ownerUnknown",
  "owner-inactive": "admin.accounts.error.ownerInactive",
  "owner-no-department": "admin.accounts.error.ownerNoDepartment",
  "name-taken": "admin.accounts.error.nameTaken",
};

const TRANSFER_PROBLEM: Record<TransferRefusal, MessageKey> = {
  unknown_account: "admin.accounts.error.unknown",
  unknown_user: "admin.accounts.error.newLead",
  inactive_user: "admin.accounts.error.ownerInactive",
  no_department: "admin.accounts.error.ownerNoDepartment",
  team_changed: "admin.accounts.error.teamChanged",
};

/** The accounts page's forms: create, archive, unarchive, transfer ownership. */
export async function handleAccountsIntent(
  context: AppLoadContext,
  { admin, locale, fields, intent }: Awaited<ReturnType<typeof adminAction>>,
) {
  const parsed = AccountsIntentSchema.safeParse(fields);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(locale, parsed.error);
    for (const field of Object.keys(fieldErrors)) {
      const key = ACCOUNT_FIELD_MESSAGES[field as keyof typeof ACCOUNT_FIELD_MESSAGES];
      if (key) fieldErrors[field] = translate(locale, key);
    }
    return refuse(intent, locale, { fieldErrors, objectId: typeof fields.id === "string" ? fields.id : undefined });
  }
  const input = parsed.data;
  const ok = (id: string) => json<AdminReply<{ id: string }>>({ ok: true, intent: input.intent, id });
  if (input.intent === "create") {
    const { intent: _intent, ...account } = input;
    // Every problem at once (the owner and the name), before the transaction checks them again.
    const owner = await resolveOwner(context.db, account.ownerEmail);
    const fieldErrors: Record<string, string> = {};
    if (!owner.ok) fieldErrors.ownerEmail = translate(locale, OWNER_PROBLEM[owner.error]);
    if (await accountNameTaken(context.db, account.name))
      fieldErrors.name = translate(locale, OWNER_PROBLEM["name-taken"]);
    if (Object.keys(fieldErrors).length > 0) return refuse(input.intent, locale, { fieldErrors });
    const made = await createAccounts(context.db, [account]);
    if (!made.ok) {
      const field = made.error === "name-taken" ? "name" : "ownerEmail";
      return refuse(input.intent, locale, { fieldErrors: { [field]: translate(locale, OWNER_PROBLEM[made.error]) } });
    }
    noteAudit({
      action: "admin.accounts.create",
      accountId: made.ids[0],
      objectType: "account",
      objectId: made.ids[0],
    });
    return ok(made.ids[0]);
  }
  if (input.intent === "transfer") {
    const refused = await transferOwnership(context, admin.id, input.id, input.userId);
    if (refused) {
      const status = refused === "unknown_account" ? 404 : 400;
      return refuse(input.intent, locale, { error: TRANSFER_PROBLEM[refused], objectId: input.id }, status);
    }
    noteAudit({
      action: "admin.accounts.transfer",
      accountId: input.id,
      objectType: "account",
      objectId: input.id,
      detail: { newLead: input.userId },
    });
    return ok(input.id);
  }
  if (!(await setAccountArchived(context.db, input.id, input.intent === "archive"))) {
    return refuse(input.intent, locale, { error: "admin.accounts.error.unknown", objectId: input.id }, 404);
  }
  noteAudit({
    action: `admin.accounts.${input.intent}`,
    accountId: input.id,
    objectType: "account",
    objectId: input.id,
  });
  return ok(input.id);
}
