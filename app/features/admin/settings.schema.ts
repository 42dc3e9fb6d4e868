import { z } from "zod";
import { DefineKpiSchema } from "~/features/kpis/kpi.schema";
import { CAPABILITY_ELEMENTS, type CapabilityElement } from "~/features/scoring-rounds/rounds";
import { IdSchema } from "~/shared/id";

/** `target:<element>` fields of the default target profile; blank means no target for that element. */
export const assessmentTargetField = (element: string) => `target:${element}`;

const level = z
  .string()
  .regex(/^[1-5]?$/, { message: "admin.settings.error.level" })
  .default("")
  .transform((value) => (value === "" ? null : Number(value)));

const TargetsSchema = z
  .object(Object.fromEntries(CAPABILITY_ELEMENTS.map((element) => [assessmentTargetField(element), level])))
  .transform((fields) => {
    const targets: Partial<Record<CapabilityElement, number>> = {};
    for (const element of CAPABILITY_ELEMENTS) {
      const value = fields[assessmentTargetField(element)];
      if (value !== null && value !== undefined) targets[element] = value;
    }
    return { intent: "targets" as const, targets };
  });

/** The settings page's forms by intent: approvals, one KPI's definition, a new KPI, the assessment profile. */
export const SETTINGS_SCHEMAS = {
  approvals: z.object({
    intent: z.literal("approvals"),
    // A checkbox: present when ticked, absent otherwise.
    separationOfDuties: z
      .literal("on")
      .optional()
      .transform((value) => value === "on"),
  }),
  kpi: DefineKpiSchema.pick({ name: true, nameZh: true, direction: true, target: true, weight: true }).extend({
    intent: z.literal("kpi"),
    id: IdSchema,
  }),
  define: DefineKpiSchema,
  targets: TargetsSchema,
};

export const SettingsIntentSchema = z.enum(["approvals", "kpi", "define", "targets"]);
