import { workspaceSettings } from "~/features/approvals/workspace-settings.server";
import { defaultTargetProfile } from "~/features/scoring-rounds/target-profile.server";
import { listKpiDefinitions } from "~/features/kpis/kpi.server";
import type { Db } from "~/utils/db.server";

/** Everything the settings page shows. */
export async function loadSettings(db: Db) {
  const [settings, targets, kpis] = await Promise.all([
    workspaceSettings(db),
    defaultTargetProfile(db),
    listKpiDefinitions(db),
  ]);
  return { separationOfDuties: settings.separationOfDuties, targets: targets ?? {}, kpis };
}

/** A KPI's names, direction and health-score part; its key and unit stay (stored values use them). */
export async function updateKpiDefinition(
  db: Db,
  id: string,
  change: { name: string; nameZh: string; direction: string; target: number | null; weight: number },
): Promise<boolean> {
  const { count } = await db.kpiDefinition.updateMany({ where: { id }, data: change });
  return count === 1;
}
