import { json, type AppLoadContext } from "@remix-run/node";
import { noteAudit } from "~/features/audit/audit-scope.server";
import type { Locale, TemplateDocKind } from "~/features/documents/doc-templates";
import { translate } from "~/i18n/i18n.server";
import { parseOr400, refuse, type adminAction } from "./admin-form.server";
import type { AdminReply } from "./admin-reply";
import { MAX_SECTIONS, TemplatesIntentSchema } from "./templates.schema";
import { applyTemplateOp, resetTemplate, saveTemplate } from "./templates.server";

/** The templates page's forms: one edit of the headings (saved at once), or back to built-in. */
export async function handleTemplatesIntent(
  context: AppLoadContext,
  { admin, locale, fields, intent }: Awaited<ReturnType<typeof adminAction>>,
) {
  const parsed = parseOr400(TemplatesIntentSchema, fields, intent, locale);
  if ("refusal" in parsed) return parsed.refusal;
  const input = parsed.data;
  const kind = input.kind as TemplateDocKind;
  const language = input.locale as Locale;
  const audit = { objectType: "template", objectId: `${kind}/${language}` };
  if (input.intent === "reset") {
    await resetTemplate(context.db, kind, language);
    noteAudit({ action: "admin.templates.reset", ...audit });
    return json<AdminReply>({ ok: true, intent: input.intent });
  }
  if (input.op === "add" && !input.newSection) {
    return refuse(input.intent, locale, {
      fieldErrors: { newSection: translate(locale, "admin.templates.error.heading") },
    });
  }
  const sections = applyTemplateOp(input.sections, input.op, input.newSection);
  if (!sections) return refuse(input.intent, locale, { error: "admin.error.invalid" });
  if (sections.length === 0) return refuse(input.intent, locale, { error: "admin.templates.error.empty" });
  if (sections.length > MAX_SECTIONS) {
    return refuse(input.intent, locale, { error: "admin.templates.error.tooMany" });
  }
  await saveTemplate(context.db, admin.id, kind, language, sections);
  noteAudit({ action: "admin.templates.save", ...audit, detail: { op: input.op.split(":")[0] } });
  return json<AdminReply<{ op: string }>>({ ok: true, intent: input.intent, op: input.op });
}
