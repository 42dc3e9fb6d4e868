import {
  checkKpiValue,
  formatQuarter,
  healthScore,
  KPI_IMPORT_LIMITS,
  parseQuarter,
  quarterProblem,
  recentQuarters,
  splitCsv,
  type CsvLine,
  type KpiValueProblem,
} from "~/features/kpis/kpi";
import {
  KPI_CSV_COLUMNS,
  KpiCsvRowSchema,
  type KpiDefinitionErrorKey,
  type KpiDefinitionView,
  type KpiFileProblemKey,
  type KpiLineReport,
  type KpiOverview,
  type KpiProblem,
  type KpiValuesByQuarter,
  type NewKpiDefinition,
  type SaveKpisInput,
} from "~/features/kpis/kpi.schema";
import type { Db } from "~/utils/db.server";
import { accountAccess } from "~/features/auth/permissions.server";
import { isUniqueViolation } from "~/utils/after-commit.server";

interface Actor {
  id: string;
  workspaceRole: string;
}

const definitionSelect = {
  id: true,
  key: true,
  name: true,
  nameZh: true,
  unit: true,
  direction: true,
  target: true,
  weight: true,
  builtIn: true,
} as const;

export function listKpiDefinitions(db: Db): Promise<KpiDefinitionView[]> {
  return db.kpiDefinition.findMany({ select: definitionSelect, orderBy: [{ sortOrder: "asc" }, { key: "asc" }] });
}

/** The last `count` quarters' values up to `now`'s quarter, and their health scores. */
export async function kpiOverview(db: Db, accountId: string, now = new Date(), count?: number): Promise<KpiOverview> {
  const quarters = recentQuarters(now, count);
  const [definitions, rows] = await Promise.all([
    listKpiDefinitions(db),
    db.kpiValue.findMany({
      where: { accountId, quarter: { in: quarters } },
      select: { quarter: true, value: true, kpi: { select: { key: true } } },
    }),
  ]);
  const values: KpiValuesByQuarter = {};
  for (const row of rows) (values[row.quarter] ??= {})[row.kpi.key] = row.value;
  const latestQuarter = [...quarters].reverse().find((quarter) => values[quarter] !== undefined) ?? null;
  const healthByQuarter = Object.fromEntries(
    quarters.map((quarter) => [quarter, values[quarter] ? healthScore(definitions, values[quarter]).score : null]),
  );
  return {
    definitions,
    quarters,
    values,
    latestQuarter,
    health: latestQuarter ? healthScore(definitions, values[latestQuarter] ?? {}) : null,
    healthByQuarter,
  };
}

const VALUE_PROBLEMS: Record<KpiValueProblem, KpiProblem["key"]> = {
  notNumber: "kpis.problem.notNumber",
  negative: "kpis.problem.negative",
  percentRange: "kpis.problem.percentRange",
  scoreRange: "kpis.problem.scoreRange",
};

function checkQuarter(text: string, now: Date): { quarter: string; problem: null } | { problem: KpiProblem } {
  const problem = quarterProblem(text, now);
  const quarter = parseQuarter(text);
  if (problem || !quarter) {
    const key = problem === "future" ? "kpis.problem.futureQuarter" : "kpis.problem.unknownQuarter";
    return { problem: { key, vars: { quarter: text } } };
  }
  // Normalized ("2026-q3" → "2026-Q3") so the same quarter is one row however it was typed.
  return { quarter: formatQuarter(quarter), problem: null };
}

export type SaveOutcome =
  | { ok: true; quarter: string; saved: number; cleared: number }
  | { ok: false; status: 400 | 403; quarterProblem?: KpiProblem; fieldProblems: Record<string, KpiProblem> };

/**
 * Stores one quarter's values from the form: a number is set, a blank clears
 * the stored value. Any refused field refuses the whole form.
 */
export async function saveQuarterKpis(
  db: Db,
  actor: Actor,
  accountId: string,
  input: SaveKpisInput,
  now = new Date(),
): Promise<SaveOutcome> {
  if (!(await accountAccess(db, actor, accountId)).canEdit) return { ok: false, status: 403, fieldProblems: {} };
  const definitions = new Map((await listKpiDefinitions(db)).map((definition) => [definition.key, definition]));
  const quarter = checkQuarter(input.quarter, now);
  const fieldProblems: Record<string, KpiProblem> = {};
  const writes: Array<{ kpiId: string; value: number | null }> = [];
  for (const [key, text] of Object.entries(input.values)) {
    const definition = definitions.get(key);
    if (!definition) {
      fieldProblems[key] = { key: "kpis.problem.unknownKpi", vars: { kpi: key } };
      continue;
    }
    if (text === null) {
      writes.push({ kpiId: definition.id, value: null });
      continue;
    }
    const checked = checkKpiValue(definition, text);
    if (checked.problem) fieldProblems[key] = valueProblem(checked.problem, key, text);
    else writes.push({ kpiId: definition.id, value: checked.value });
  }
  if (quarter.problem || Object.keys(fieldProblems).length > 0) {
    return { ok: false, status: 400, quarterProblem: quarter.problem ?? undefined, fieldProblems };
  }
  const q = quarter.quarter;
  await db.$transaction(
    writes.map(({ kpiId, value }) =>
      value === null
        ? db.kpiValue.deleteMany({ where: { accountId, kpiId, quarter: q } })
        : db.kpiValue.upsert({
            where: { accountId_kpiId_quarter: { accountId, kpiId, quarter: q } },
            create: { accountId, kpiId, quarter: q, value, enteredById: actor.id },
            update: { value, enteredById: actor.id },
          }),
    ),
  );
  const saved = writes.filter((write) => write.value !== null).length;
  return { ok: true, quarter: q, saved, cleared: writes.length - saved };
}

function valueProblem(problem: KpiValueProblem, kpi: string, value: string): KpiProblem {
  return { key: VALUE_PROBLEMS[problem], vars: { kpi, value } };
}

export type ImportOutcome =
  | { ok: true; imported: number }
  | { ok: false; status: 400 | 403; fileProblem?: KpiProblem<KpiFileProblemKey>; lines: KpiLineReport[] };

/**
 * Imports `quarter,kpi,value` rows for one account. Every line is checked
 * first and every problem reported; one bad line stores nothing, so a team
 * never has a half-imported quarter to untangle.
 */
export async function importKpiCsv(
  db: Db,
  actor: Actor,
  accountId: string,
  csv: string,
  now = new Date(),
): Promise<ImportOutcome> {
  if (!(await accountAccess(db, actor, accountId)).canEdit) return { ok: false, status: 403, lines: [] };
  const refuseFile = (key: KpiFileProblemKey, vars?: KpiProblem["vars"]): ImportOutcome => ({
    ok: false,
    status: 400,
    fileProblem: { key, vars },
    lines: [],
  });
  if (new TextEncoder().encode(csv).length > KPI_IMPORT_LIMITS.maxBytes) {
    return refuseFile("kpis.import.error.tooLarge", { max: KPI_IMPORT_LIMITS.maxBytes / 1024 });
  }
  const [header, ...data] = splitCsv(csv);
  if (!header || data.length === 0) return refuseFile("kpis.import.error.empty");
  const columns = header.cells.map((cell) => cell.trim().toLowerCase());
  const sameColumns = [...columns].sort().join() === [...KPI_CSV_COLUMNS].sort().join();
  if (!sameColumns) return refuseFile("kpis.import.error.header");
  if (data.length > KPI_IMPORT_LIMITS.maxRows) {
    return refuseFile("kpis.import.error.tooManyRows", { count: data.length, max: KPI_IMPORT_LIMITS.maxRows });
  }

  const definitions = new Map((await listKpiDefinitions(db)).map((definition) => [definition.key, definition]));
  const { lines, writes } = checkImportLines(columns, data, definitions, now);
  if (lines.length > 0) return { ok: false, status: 400, lines };

  await db.$transaction(
    writes.map(({ kpiId, quarter, value }) =>
      db.kpiValue.upsert({
        where: { accountId_kpiId_quarter: { accountId, kpiId, quarter } },
        create: { accountId, kpiId, quarter, value, enteredById: actor.id },
        update: { value, enteredById: actor.id },
      }),
    ),
  );
  return { ok: true, imported: writes.length };
}

/**
 * Every problem of every data line, and what to store when there are none.
 * A quarter and KPI given twice is reported on the second line.
 */
function checkImportLines(
  columns: string[],
  data: CsvLine[],
  definitions: Map<string, KpiDefinitionView>,
  now: Date,
): { lines: KpiLineReport[]; writes: Array<{ kpiId: string; quarter: string; value: number }> } {
  const firstLine = new Map<string, number>();
  const writes: Array<{ kpiId: string; quarter: string; value: number }> = [];
  const lines: KpiLineReport[] = [];
  for (const { line, cells } of data) {
    if (cells.length !== columns.length) {
      lines.push({ line, problems: [{ key: "kpis.problem.columns", vars: { count: cells.length } }] });
      continue;
    }
    const row = KpiCsvRowSchema.parse(Object.fromEntries(columns.map((column, i) => [column, cells[i]])));
    const problems: KpiProblem[] = [];
    const quarter = checkQuarter(row.quarter, now);
    if (quarter.problem) problems.push(quarter.problem);
    const definition = definitions.get(row.kpi);
    if (!definition) problems.push({ key: "kpis.problem.unknownKpi", vars: { kpi: row.kpi } });
    let value: number | null = null;
    if (row.value === "") problems.push({ key: "kpis.problem.missingValue" });
    else {
      // An unknown KPI has no unit to check against, but a non-number is still worth saying.
      const checked = checkKpiValue(definition ?? { key: row.kpi, unit: "" }, row.value);
      if (checked.problem === null) value = checked.value;
      else if (definition || checked.problem === "notNumber") {
        problems.push(valueProblem(checked.problem, row.kpi, row.value));
      }
    }
    if (!quarter.problem && definition) {
      const slot = `${quarter.quarter} ${definition.key}`;
      const first = firstLine.get(slot);
      if (first !== undefined) {
        problems.push({ key: "kpis.problem.duplicate", vars: { kpi: row.kpi, quarter: quarter.quarter, first } });
      } else firstLine.set(slot, line);
      if (value !== null && problems.length === 0) {
        writes.push({ kpiId: definition.id, quarter: quarter.quarter, value });
      }
    }
    if (problems.length > 0) lines.push({ line, problems });
  }
  return { lines, writes };
}

export type DefineOutcome =
  | { ok: true; definition: KpiDefinitionView }
  | { ok: false; status: 400 | 403; errors: Partial<Record<keyof NewKpiDefinition, KpiDefinitionErrorKey[]>> };

const keyTaken: DefineOutcome = { ok: false, status: 400, errors: { key: ["kpis.define.error.keyTaken"] } };

/**
 * A workspace admin adds a KPI every account can then record; it goes after
 * the existing ones. Its key is unique: a second definition under it, even one
 * sent at the same moment (a double click), is refused as taken, never a 500.
 */
export async function defineKpi(db: Db, actor: Actor, input: NewKpiDefinition): Promise<DefineOutcome> {
  if (actor.workspaceRole !== "admin") return { ok: false, status: 403, errors: {} };
  const taken = await db.kpiDefinition.findUnique({ where: { key: input.key }, select: { id: true } });
  if (taken) return keyTaken;
  const last = await db.kpiDefinition.aggregate({ _max: { sortOrder: true } });
  try {
    const definition = await db.kpiDefinition.create({
      data: { ...input, sortOrder: (last._max.sortOrder ?? 0) + 1, builtIn: false },
      select: definitionSelect,
    });
    return { ok: true, definition };
  } catch (error) {
    if (isUniqueViolation(error)) return keyTaken;
    throw error;
  }
}
