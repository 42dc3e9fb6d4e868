// Every account's health and trend at once, for the portfolio: scored in SQL, kept while the KPIs stay as they were.
import { Prisma } from "@prisma/client";
import type { Db } from "~/utils/db.server";
import { byStamp } from "~/utils/stamped-cache.server";
import type { KpiDefinitionView } from "./kpi.schema";

export interface AccountHealth {
  /** 0–100, null when the quarter's values have no scored KPI. */
  health: number | null;
  /** The latest quarter with a scored value. */
  quarter: string;
  /** Health change against the quarter before that one. */
  trend: number | null;
}

interface QuarterHealth {
  accountId: string;
  quarter: string;
  weightedSum: number | null;
  totalWeight: number | null;
  /** 1 for the account's latest quarter with values, 2 for the one before. */
  n: number | bigint;
}

/**
 * Each account's latest two quarters with scored KPI values, scored in SQL: a
 * thousand accounts' raw values are too many rows to bring over per request.
 * The points are kpiPoints' (clamped to 0–100) and the score is healthScore's
 * weighted mean; the portfolio's test holds the two to the same numbers.
 * Quarter strings sort in time order; quoted names keep the SQL valid on PostgreSQL.
 */
function scoreQuarters(db: Db, quarters: readonly string[]) {
  return db.$queryRaw<QuarterHealth[]>`
    WITH points AS (
      SELECT v."accountId", v.quarter, d.weight,
        100 * CASE WHEN d.direction = 'lower_better' THEN (CASE WHEN v.value <= 0 THEN 1 ELSE d.target / v.value END)
                   ELSE v.value / d.target END AS raw
      FROM "KpiValue" v JOIN "KpiDefinition" d ON d.id = v."kpiId" AND d.target IS NOT NULL AND d.weight > 0
      WHERE v.quarter IN (${Prisma.join([...quarters])})
    ), scored AS (
      SELECT "accountId", quarter,
        SUM(weight * CASE WHEN raw > 100 THEN 100 WHEN raw < 0 THEN 0 ELSE raw END) AS "weightedSum",
        SUM(weight) AS "totalWeight"
      FROM points GROUP BY "accountId", quarter
    ), ranked AS (
      SELECT *, ROW_NUMBER() OVER (PARTITION BY "accountId" ORDER BY quarter DESC) AS n FROM scored
    )
    SELECT "accountId", quarter, "weightedSum", "totalWeight", n FROM ranked WHERE n <= 2`;
}

function byAccount(rows: QuarterHealth[]): Map<string, AccountHealth> {
  const score = (row: QuarterHealth | undefined) =>
    row?.weightedSum != null && row.totalWeight ? Math.round(Number(row.weightedSum) / Number(row.totalWeight)) : null;
  const latest = new Map<string, QuarterHealth>();
  const before = new Map<string, QuarterHealth>();
  for (const row of rows) (Number(row.n) === 1 ? latest : before).set(row.accountId, row);
  const out = new Map<string, AccountHealth>();
  for (const [accountId, row] of latest) {
    const health = score(row);
    const previous = score(before.get(accountId));
    out.set(accountId, {
      health,
      quarter: row.quarter,
      trend: health !== null && previous !== null ? health - previous : null,
    });
  }
  return out;
}

/**
 * What the values of these quarters are, in a few bytes: how many there are
 * and when one last changed (every write sets updatedAt; a delete lowers the
 * count). Read from the database, so another process's writes count too.
 */
export async function kpiValuesStamp(db: Db, quarters: readonly string[]): Promise<string> {
  const [values] = await db.$queryRaw<{ count: number | bigint; changed: unknown }[]>`
    SELECT COUNT(*) AS count, MAX("updatedAt") AS changed FROM "KpiValue" WHERE quarter IN (${Prisma.join([...quarters])})`;
  return `${quarters.join(",")} ${Number(values?.count ?? 0)} ${String(values?.changed ?? "")}`;
}

/** Every account's health over `quarters`: recomputed only when a KPI value or rule changed since the last call. */
export async function portfolioHealth(
  db: Db,
  quarters: readonly string[],
  definitions: readonly KpiDefinitionView[],
): Promise<Map<string, AccountHealth>> {
  const rules = JSON.stringify(definitions.map((d) => [d.id, d.direction, d.target, d.weight]));
  const stamp = `${await kpiValuesStamp(db, quarters)} ${rules}`;
  return byStamp(db, "portfolio-health", stamp, async () => byAccount(await scoreQuarters(db, quarters)));
}
