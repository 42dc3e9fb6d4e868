import { json, type AppLoadContext } from "@remix-run/node";
import { updateWorkspaceSettings } from "~/features/approvals/workspace-settings.server";
import { noteAudit } from "~/features/audit/audit-scope.server";
import { defineKpi } from "~/features/kpis/kpi.server";
import { saveTargetProfile } from "~/features/scoring-rounds/target-profile.server";
import { translate } from "~/i18n/i18n.server";
import { fieldErrorsOf, parseOr400, refuse, type adminAction } from "./admin-form.server";
import type { AdminReply } from "./admin-reply";
import { SETTINGS_SCHEMAS, SettingsIntentSchema } from "./settings.schema";
import { updateKpiDefinition } from "./settings.server";

type Reply = AdminReply<{ id: string }>;

/** The settings page's forms: separation of duties, a KPI's definition, a new KPI, the target profile. */
export async function handleSettingsIntent(
  context: AppLoadContext,
  { admin, locale, fields, intent }: Awaited<ReturnType<typeof adminAction>>,
) {
  const which = SettingsIntentSchema.safeParse(intent);
  if (!which.success) return refuse(intent, locale, { error: "admin.error.invalid" });
  const ok = (id = "") => json<Reply>({ ok: true, intent, id });
  switch (which.data) {
    case "approvals": {
      const parsed = parseOr400(SETTINGS_SCHEMAS.approvals, fields, intent, locale);
      if ("refusal" in parsed) return parsed.refusal;
      await updateWorkspaceSettings(context.db, { separationOfDuties: parsed.data.separationOfDuties });
      noteAudit({
        action: "admin.settings.approvals",
        objectType: "settings",
        objectId: "workspace",
        detail: { separationOfDuties: parsed.data.separationOfDuties },
      });
      return ok();
    }
    case "kpi": {
      const parsed = SETTINGS_SCHEMAS.kpi.safeParse(fields);
      const id = typeof fields.id === "string" ? fields.id : undefined;
      if (!parsed.success)
        return refuse(intent, locale, { fieldErrors: fieldErrorsOf(locale, parsed.error), objectId: id });
      const { intent: _intent, id: kpiId, ...change } = parsed.data;
      if (!(await updateKpiDefinition(context.db, kpiId, change))) {
        return refuse(intent, locale, { error: "admin.settings.error.unknownKpi", objectId: kpiId }, 404);
      }
      noteAudit({ action: "admin.settings.kpi", objectType: "kpi", objectId: kpiId });
      return ok(kpiId);
    }
    case "define": {
      const parsed = parseOr400(SETTINGS_SCHEMAS.define, fields, intent, locale);
      if ("refusal" in parsed) return parsed.refusal;
      const { intent: _intent, ...input } = parsed.data;
      const outcome = await defineKpi(context.db, admin, input);
      if (!outcome.ok) {
        const fieldErrors = Object.fromEntries(
          Object.entries(outcome.errors).flatMap(([field, keys]) =>
            keys?.[0] ? [[field, translate(locale, keys[0])]] : [],
          ),
        );
        return refuse(intent, locale, { fieldErrors });
      }
      noteAudit({ action: "admin.settings.defineKpi", objectType: "kpi", objectId: outcome.definition.id });
      return ok(outcome.definition.key);
    }
    case "targets": {
      const parsed = parseOr400(SETTINGS_SCHEMAS.targets, fields, intent, locale);
      if ("refusal" in parsed) return parsed.refusal;
      await saveTargetProfile(context.db, parsed.data.targets);
      noteAudit({ action: "admin.settings.assessmentTargets", objectType: "settings", objectId: "workspace" });
      return ok();
    }
  }
}
