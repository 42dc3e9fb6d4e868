import { json, type AppLoadContext } from "@remix-run/node";
import { noteAudit } from "~/features/audit/audit-scope.server";
import { translate } from "~/i18n/i18n.server";
import { parseOr400, refuse, type adminAction } from "./admin-form.server";
import type { AdminReply } from "./admin-reply";
import { DepartmentsIntentSchema } from "./departments.schema";
import { addDepartment, renameDepartment, setDepartmentArchived } from "./departments.server";

/** The departments page's forms: add, rename, archive, unarchive. */
export async function handleDepartmentsIntent(
  context: AppLoadContext,
  { locale, fields, intent }: Awaited<ReturnType<typeof adminAction>>,
) {
  const parsed = parseOr400(DepartmentsIntentSchema, fields, intent, locale);
  if ("refusal" in parsed) return parsed.refusal;
  const input = parsed.data;
  const audit = { action: `admin.departments.${input.intent}`, objectType: "department", objectId: input.key };
  if (input.intent === "add") {
    const { intent: _intent, ...department } = input;
    const id = await addDepartment(context.db, department);
    if (!id) {
      return refuse(input.intent, locale, {
        fieldErrors: { key: translate(locale, "admin.departments.error.keyTaken") },
      });
    }
    noteAudit(audit);
    return json<AdminReply<{ id: string }>>({ ok: true, intent: input.intent, id: input.key });
  }
  const found =
    input.intent === "rename"
      ? await renameDepartment(context.db, input.key, input)
      : await setDepartmentArchived(context.db, input.key, input.intent === "archive");
  if (!found)
    return refuse(input.intent, locale, { error: "admin.departments.error.unknown", objectId: input.key }, 404);
  noteAudit(audit);
  return json<AdminReply<{ id: string }>>({ ok: true, intent: input.intent, id: input.key });
}
