// The account page's reads and its intents (create a document, change a stage, set the currency).
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { approvalStatuses } from "~/features/approvals/approval-queries.server";
import type { AccountAccess } from "~/features/auth/permissions.server";
import { requestLocale } from "~/features/auth/locale.server";
import type { SessionUser } from "~/features/auth/session.server";
import { invariantResponse } from "~/features/auth/guards.server";
import { NewDocumentSchema } from "~/features/documents/document.schema";
import { createDocument } from "~/features/documents/document.server";
import { templateFor } from "~/features/documents/document-template.server";
import { listActivity, recordActivity } from "~/features/notifications/activity.server";
import { latestResults } from "~/features/scoring-rounds/round-queries.server";
import { translate } from "~/i18n/i18n.server";
import type { formFields } from "~/utils/form.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { getAccountOverview } from "./account.server";
import { CurrencyChangeSchema, StageChangeSchema } from "./stage.schema";
import { changeStage } from "./stage.server";

/** Everything the page shows, for a reader already checked by requireAccountAccess. */
export async function loadAccountPage(context: AppLoadContext, access: AccountAccess, accountId: string) {
  const account = await getAccountOverview(context.db, accountId);
  invariantResponse(account, "Account not found", 404);
  const [activity, departmentNames, approvals, results] = await Promise.all([
    listActivity(context.db, accountId),
    context.db.department.findMany({ select: { key: true, name: true, nameZh: true } }),
    approvalStatuses(
      context,
      account.documents.map((doc) => doc.id),
    ),
    latestResults(context.db, [accountId]),
  ]);
  return {
    account,
    results: results[accountId],
    canEdit: access.canEdit,
    canLead: access.canManageTeam,
    activity,
    departmentNames,
    approvals,
    // The new-document form's id, new with every load: a double click or a resubmit creates one document.
    clientId: crypto.randomUUID(),
  };
}

/** `intent=change-stage` (the lead) or a new document (anyone who edits). */
export async function handleAccountIntent(
  request: Request,
  context: AppLoadContext,
  { user, access, accountId }: { user: SessionUser; access: AccountAccess; accountId: string },
  fields: Awaited<ReturnType<typeof formFields>>,
) {
  if (fields.intent === "change-stage") {
    // Moving an account along its stages is the account lead's call (and an admin's).
    invariantResponse(access.canManageTeam, "Only the team lead can change the account's stage", 403);
    const stage = StageChangeSchema.safeParse(fields);
    if (!stage.success) return json({ ok: false as const, stageError: "invalid" }, { status: 400 });
    try {
      await changeStage(context, user.id, accountId, stage.data);
    } catch (error) {
      if (!(error instanceof WorkflowError)) throw error;
      const locale = await requestLocale(request, user.locale);
      return json({ ok: false as const, stageError: error.messageIn(locale) }, { status: error.status });
    }
    return json({ ok: true as const, stageError: null });
  }
  if (fields.intent === "set-currency") {
    // The currency money figures are read in is the lead's call (and an admin's), like the stage.
    invariantResponse(access.canManageTeam, "Only the team lead can change the account's currency", 403);
    const change = CurrencyChangeSchema.safeParse(fields);
    if (!change.success) {
      const locale = await requestLocale(request, user.locale);
      const message = translate(locale, "account.currency.error.invalid");
      return json({ ok: false as const, fieldErrors: { currency: message } }, { status: 400 });
    }
    await context.db.account.update({ where: { id: accountId }, data: { currency: change.data.currency } });
    return json({ ok: true as const, currency: change.data.currency });
  }
  invariantResponse(access.canEdit, "Forbidden", 403);
  const parsed = NewDocumentSchema.safeParse(fields);
  if (!parsed.success) {
    return json({ errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  }
  const locale = user.locale === "zh-CN" ? "zh-CN" : "en";
  let doc;
  try {
    doc = await createDocument(context.db, {
      accountId,
      kind: parsed.data.kind,
      title: parsed.data.title,
      content: await templateFor(context.db, parsed.data.kind, locale),
      createdById: user.id,
      clientId: parsed.data.clientId,
    });
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    const errors: Partial<Record<keyof typeof parsed.data, string[]>> = { clientId: [error.messageIn(locale)] };
    return json({ errors }, { status: error.status });
  }
  // A retried submit opens the document the first one created, announced once.
  if (doc.created) {
    await recordActivity(context, {
      accountId,
      actorId: user.id,
      kind: "doc_created",
      documentId: doc.id,
      subject: parsed.data.title,
    });
  }
  return redirect(`/accounts/${accountId}/docs/${doc.id}`);
}
