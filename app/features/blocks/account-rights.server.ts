// An account's customer rights and where each stands in a quarter; tells the owning department when one breaks.
import { kpiOverview } from "~/features/kpis/kpi.server";
import { notify } from "~/features/notifications/notification.server";
import type { Db } from "~/utils/db.server";
import { afterCommit } from "~/utils/after-commit.server";
import type { Services, Workflow } from "~/utils/services.server";
import { emitBrokenRights } from "~/features/webhooks/events.server";
import { rightStatus, type RightDirection, type RightStanding } from "./blocks";

/**
 * The rights of the account's bills of rights, measured in `quarter` (default:
 * the latest quarter with KPI values), with the quarters that have values.
 */
export async function accountRights(db: Db, accountId: string, quarter?: string) {
  const [overview, rows] = await Promise.all([
    kpiOverview(db, accountId),
    db.rightBlock.findMany({
      where: { accountId, document: { kind: "bill_of_rights" } },
      orderBy: [{ documentId: "asc" }, { position: "asc" }],
      select: {
        documentId: true,
        blockId: true,
        situation: true,
        right: true,
        department: true,
        kpi: true,
        threshold: true,
        direction: true,
        internal: true,
      },
    }),
  ]);
  const shown =
    quarter && overview.quarters.includes(quarter)
      ? quarter
      : (overview.latestQuarter ?? overview.quarters.at(-1) ?? "");
  const values = overview.values[shown] ?? {};
  const rights: RightStanding[] = rows.map((row) => {
    const direction = row.direction as RightDirection;
    const value = row.kpi ? (values[row.kpi] ?? null) : null;
    return { ...row, direction, value, status: rightStatus({ ...row, direction }, value) };
  });
  return {
    quarter: shown,
    measuredQuarters: overview.quarters.filter((q) => overview.values[q] !== undefined),
    definitions: overview.definitions,
    rights,
  };
}

/**
 * After a KPI change: every right broken now that was not before notifies the
 * account's members of its owning department (the person who entered the
 * values excepted, as for every notification) and the `right.broken` webhooks.
 */
export async function announceBrokenRights(
  workflow: Workflow & Pick<Services, "publicUrl">,
  actorId: string,
  accountId: string,
  before: RightStanding[],
): Promise<void> {
  const { quarter, rights } = await accountRights(workflow.db, accountId);
  const wasBroken = new Set(before.filter((r) => r.status === "broken").map((r) => `${r.documentId}/${r.blockId}`));
  const newlyBroken = rights.filter((r) => r.status === "broken" && !wasBroken.has(`${r.documentId}/${r.blockId}`));
  if (newlyBroken.length === 0) return;
  await afterCommit("rights: webhook event not queued", { accountId }, () =>
    emitBrokenRights(workflow, accountId, quarter, newlyBroken),
  );
  const members = await workflow.db.accountMember.findMany({
    where: { accountId, department: { key: { in: [...new Set(newlyBroken.map((r) => r.department))] } } },
    select: { userId: true, department: { select: { key: true } } },
  });
  await notify(
    workflow,
    newlyBroken.flatMap((right) =>
      members
        .filter((member) => member.department.key === right.department)
        .map((member) => ({
          userId: member.userId,
          accountId,
          actorId,
          kind: "right_broken" as const,
          title: right.right,
          excerpt: right.situation,
          link: `/accounts/${accountId}/rights?quarter=${quarter}`,
        })),
    ),
  );
}
