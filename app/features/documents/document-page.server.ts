import type { AppLoadContext } from "@remix-run/node";
import { approvalState } from "~/features/approvals/approval-queries.server";
import type { BlockEditorData } from "~/features/blocks/editor/block-data";
import { listThreads } from "~/features/comments/comment.server";
import { listMentionables } from "~/features/comments/mention.server";
import { kpiOverview } from "~/features/kpis/kpi.server";

/** What the document page shows around the editor: the comment threads, who can be mentioned, the approval status, the blocks' data. */
export async function documentSurroundings(
  context: AppLoadContext,
  doc: { id: string; accountId: string },
  user: { id: string; locale: string; department: { key: string } | null },
) {
  const [threads, mentionables, approval, blocks] = await Promise.all([
    listThreads(context.db, doc.id, user.id),
    listMentionables(context.db, doc.accountId, user.locale),
    approvalState(context, doc.id),
    blockEditorData(context, doc.accountId, user),
  ]);
  return { threads, mentionables, approvalStatus: approval.status, blocks };
}

/** The departments and KPIs the block fields offer, and the account's latest KPI values the rights are judged by. */
async function blockEditorData(
  context: AppLoadContext,
  accountId: string,
  user: { id: string; department: { key: string } | null },
): Promise<BlockEditorData> {
  const [departments, kpis, membership] = await Promise.all([
    context.db.department.findMany({
      orderBy: { sortOrder: "asc" },
      select: { key: true, name: true, nameZh: true, color: true },
    }),
    kpiOverview(context.db, accountId),
    context.db.accountMember.findUnique({
      where: { accountId_userId: { accountId, userId: user.id } },
      select: { department: { select: { key: true } } },
    }),
  ]);
  const latestKpis: BlockEditorData["latestKpis"] = {};
  // Newest quarter first: each KPI keeps the first value found.
  for (const quarter of [...kpis.quarters].reverse()) {
    for (const [key, value] of Object.entries(kpis.values[quarter] ?? {})) latestKpis[key] ??= { value, quarter };
  }
  return {
    departments,
    kpis: kpis.definitions.map(({ key, name, nameZh, unit, direction }) => ({ key, name, nameZh, unit, direction })),
    latestKpis,
    myDepartment: membership?.department.key ?? user.department?.key ?? null,
  };
}
