// How many of each account's customer rights are broken in its latest quarter with KPI values.
import { Prisma } from "@prisma/client";
import { kpiValuesStamp } from "~/features/kpis/portfolio-health.server";
import type { Db } from "~/utils/db.server";
import { byStamp } from "~/utils/stamped-cache.server";

/**
 * Per account (only those with one), the rights of its bills of rights broken
 * in the latest of `quarters` it has KPI values for. "Broken" is rightStatus's
 * rule — the value is on the wrong side of the threshold — written in SQL so
 * the result is one row per account, not one per right; a test holds it to
 * the scorecard's count. Kept until a KPI value of those quarters changes or a
 * document's blocks are indexed again.
 */
export async function brokenRights(db: Db, quarters: readonly string[]): Promise<Map<string, number>> {
  const [documents] = await db.$queryRaw<{ count: number | bigint; indexed: unknown }[]>`
    SELECT COUNT(*) AS count, MAX("blocksIndexedAt") AS indexed FROM "Document"`;
  const stamp = `${await kpiValuesStamp(db, quarters)} ${Number(documents?.count ?? 0)} ${String(documents?.indexed ?? "")}`;
  return byStamp(db, "broken-rights", stamp, async () => {
    const rows = await db.$queryRaw<{ accountId: string; broken: number | bigint }[]>`
      WITH latest AS (
        SELECT "accountId", MAX(quarter) AS quarter FROM "KpiValue"
        WHERE quarter IN (${Prisma.join([...quarters])}) GROUP BY "accountId"
      )
      SELECT r."accountId", COUNT(*) AS broken
      FROM "RightBlock" r
      JOIN latest l ON l."accountId" = r."accountId"
      JOIN "KpiDefinition" d ON d.key = r.kpi
      JOIN "KpiValue" v ON v."accountId" = r."accountId" AND v."kpiId" = d.id AND v.quarter = l.quarter
      JOIN "Document" doc ON doc.id = r."documentId" AND doc.kind = 'bill_of_rights'
      WHERE r.threshold IS NOT NULL
        AND ((r.direction = 'at_most' AND v.value > r.threshold) OR (r.direction <> 'at_most' AND v.value < r.threshold))
      GROUP BY r."accountId"`;
    return new Map(rows.map((row) => [row.accountId, Number(row.broken)]));
  });
}
