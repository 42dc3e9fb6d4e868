import { z } from "zod";
import { KPI_DIRECTIONS, KPI_IMPORT_LIMITS, KPI_UNITS, parseKpiNumber, type Health } from "./kpi";

/**
 * Messages are i18n keys (app/i18n/en/kpis.json), so the route answers in the
 * user's language whichever check (zod or the model's) refused the input.
 */
export type KpiProblemKey =
  | "kpis.problem.notNumber"
  | "kpis.problem.missingValue"
  | "kpis.problem.negative"
  | "kpis.problem.percentRange"
  | "kpis.problem.scoreRange"
  | "kpis.problem.unknownKpi"
  | "kpis.problem.unknownQuarter"
  | "kpis.problem.futureQuarter"
  | "kpis.problem.duplicate"
  | "kpis.problem.columns";

export type KpiFileProblemKey =
  | "kpis.import.error.empty"
  | "kpis.import.error.header"
  | "kpis.import.error.tooManyRows"
  | "kpis.import.error.tooLarge";

export type KpiDefinitionErrorKey =
  | "kpis.define.error.key"
  | "kpis.define.error.keyTaken"
  | "kpis.define.error.name"
  | "kpis.define.error.unit"
  | "kpis.define.error.direction"
  | "kpis.define.error.target"
  | "kpis.define.error.weight";

/** One problem, with what the message names (line's KPI key, the value, the quarter…). */
export interface KpiProblem<K extends string = KpiProblemKey> {
  key: K;
  vars?: Record<string, string | number>;
}

export const KPI_KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** Form fields carrying a value are `value:<kpi key>`, so a new definition needs no new schema. */
const VALUE_FIELD = "value:";
export const kpiValueField = (key: string) => `${VALUE_FIELD}${key}`;

/** One quarter's values from the form; a blank field means "not entered" and clears a stored value. */
export const SaveKpisSchema = z.preprocess(
  (fields) => {
    if (typeof fields !== "object" || fields === null) return fields;
    const values = Object.entries(fields)
      .filter(([name]) => name.startsWith(VALUE_FIELD))
      .map(([name, value]) => [name.slice(VALUE_FIELD.length), value]);
    return { ...fields, values: Object.fromEntries(values) };
  },
  z.object({
    intent: z.literal("save"),
    // Checked against the calendar by the model, which reports it like a CSV line's quarter.
    quarter: z.string().trim().max(20),
    values: z
      .record(
        z.string().regex(KPI_KEY_PATTERN),
        z
          .string()
          .trim()
          .max(40, "kpis.problem.notNumber")
          .transform((text) => (text === "" ? null : text)),
      )
      .refine((values) => Object.keys(values).length <= 200),
  }),
);
export type SaveKpisInput = z.infer<typeof SaveKpisSchema>;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export const ImportKpisSchema = z.object({
  intent: z.literal("import"),
  csv: z
    .string()
    .refine((text) => utf8Bytes(text) <= KPI_IMPORT_LIMITS.maxBytes, "kpis.import.error.tooLarge" as const)
    .refine((text) => text.trim() !== "", "kpis.import.error.empty" as const),
});

/** One CSV data row, its cells by column; the model then checks each against the definitions and the calendar. */
export const KpiCsvRowSchema = z.object({
  quarter: z.string().trim(),
  kpi: z.string().trim().toLowerCase(),
  value: z.string().trim(),
});
export type KpiCsvRow = z.infer<typeof KpiCsvRowSchema>;

export const KPI_CSV_COLUMNS = ["quarter", "kpi", "value"] as const;

/** Blank target: the KPI is shown but not part of the health score. */
const optionalPositive = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === "") return null;
    const value = parseKpiNumber(text);
    if (value === null || value <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "kpis.define.error.target" });
      return z.NEVER;
    }
    return value;
  });

export const DefineKpiSchema = z.object({
  intent: z.literal("define"),
  key: z.string().trim().toLowerCase().regex(KPI_KEY_PATTERN, "kpis.define.error.key"),
  name: z.string().trim().min(1, "kpis.define.error.name").max(80, "kpis.define.error.name"),
  nameZh: z.string().trim().min(1, "kpis.define.error.name").max(80, "kpis.define.error.name"),
  unit: z.enum(KPI_UNITS, { errorMap: () => ({ message: "kpis.define.error.unit" }) }),
  direction: z.enum(KPI_DIRECTIONS, { errorMap: () => ({ message: "kpis.define.error.direction" }) }),
  target: optionalPositive.default(""),
  weight: z
    .string()
    .trim()
    .default("1")
    .transform((text, ctx) => {
      const value = parseKpiNumber(text === "" ? "1" : text);
      if (value === null || value <= 0 || value > 100) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "kpis.define.error.weight" });
        return z.NEVER;
      }
      return value;
    }),
});
export type NewKpiDefinition = Omit<z.infer<typeof DefineKpiSchema>, "intent">;

/** A KPI definition as loaders send it to the browser. */
export interface KpiDefinitionView {
  id: string;
  key: string;
  name: string;
  nameZh: string;
  unit: string;
  direction: string;
  target: number | null;
  weight: number;
  builtIn: boolean;
}

/** Values by quarter, then by KPI key. */
export type KpiValuesByQuarter = Record<string, Record<string, number>>;

/** Recent quarters' values and health scores, as loaders send them to the browser. */
export interface KpiOverview {
  definitions: KpiDefinitionView[];
  /** The quarters shown, oldest first, ending with the current one. */
  quarters: string[];
  values: KpiValuesByQuarter;
  /** The newest shown quarter with any value: the one the health score is about. */
  latestQuarter: string | null;
  health: Health | null;
  healthByQuarter: Record<string, number | null>;
}

/** One refused CSV line and everything wrong with it. */
export interface KpiLineReport {
  line: number;
  problems: KpiProblem[];
}

/** What the KPI page's action answers, messages already in the user's language. */
export type KpiActionReply =
  | { ok: true; intent: "save"; quarter: string; saved: number; cleared: number }
  | { ok: true; intent: "import"; imported: number }
  | { ok: true; intent: "define"; key: string }
  | {
      ok: false;
      intent: "save" | "import" | "define";
      error: string;
      /** Form field (KPI key, or a definition field) → message. */
      fieldErrors: Record<string, string>;
      report: Array<{ line: number; problems: string[] }>;
    };
