import { parseQuarter, quarterStart } from "~/features/kpis/kpi";
import type { AgendaKind, ReviewSummary, SummaryDepartment } from "~/features/reviews/review";
import { DOC_KINDS } from "~/features/documents/doc-templates";
import type { Services } from "~/utils/services.server";
import { actionItemInclude, toActionItemView, today } from "~/features/action-items/action-item-views.server";
import { yjsStateToContent } from "~/features/documents/document-content.server";
import { kpiOverview } from "~/features/kpis/kpi.server";
import { carriedOverActions } from "./review.server";
import { saveVersion } from "~/features/documents/version.server";

/** The reviewed quarter and the three before it: a year of trend on the summary's charts. */
const SUMMARY_QUARTERS = 4;

type SummaryServices = Pick<Services, "db" | "hub" | "documents">;

const department = (d: SummaryDepartment | null | undefined): SummaryDepartment | null =>
  d ? { key: d.key, name: d.name, nameZh: d.nameZh, color: d.color } : null;

/**
 * Everything a closed review's summary shows, copied out of the live data at
 * `now`. Versions of the minutes and of the account's documents are taken
 * ("review" versions), so what the team looked at can be opened later as it was.
 */
export async function freezeSummary(
  services: SummaryServices,
  actor: { id: string },
  reviewId: string,
  now: Date,
): Promise<ReviewSummary> {
  const { db } = services;
  const review = await db.review.findUniqueOrThrow({
    where: { id: reviewId },
    include: {
      account: { select: { id: true, name: true } },
      agenda: { orderBy: { position: "asc" } },
      attendees: { include: { user: { select: { name: true, department: true } } } },
      decisions: {
        include: { createdBy: { select: { name: true } }, agendaItem: { select: { title: true } } },
        orderBy: { createdAt: "asc" },
      },
      actions: { include: actionItemInclude, orderBy: { createdAt: "asc" } },
    },
  });
  const closer = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
  const quarter = parseQuarter(review.quarter);
  const kpis = await kpiOverview(db, review.accountId, quarter ? quarterStart(quarter) : now, SUMMARY_QUARTERS);
  const carried = await carriedOverActions(db, review);
  const versionName = `Review ${review.quarter}`;

  const documents = await db.document.findMany({
    where: { accountId: review.accountId, kind: { in: [...DOC_KINDS] } },
    select: {
      id: true,
      kind: true,
      title: true,
      accountId: true,
      approvals: {
        where: { status: "approved" },
        orderBy: { closedAt: "desc" },
        take: 1,
        select: { closedAt: true, contentHash: true, version: { select: { id: true, name: true } } },
      },
    },
    orderBy: [{ kind: "asc" }, { title: "asc" }],
  });
  for (const document of documents) await saveVersion(services, actor.id, document, versionName, "review");

  let minutes: ReviewSummary["minutes"] = null;
  if (review.minutesDocId) {
    const minutesDoc = { id: review.minutesDocId, accountId: review.accountId, title: versionName };
    const content = yjsStateToContent(await services.documents.currentState(minutesDoc.id));
    const version = await saveVersion(services, actor.id, minutesDoc, versionName, "review");
    minutes = { documentId: minutesDoc.id, versionId: version.id, content };
  }

  const todayIso = today();
  const running = review.itemStartedAt ? Math.round((now.getTime() - review.itemStartedAt.getTime()) / 1000) : 0;
  return {
    account: review.account,
    quarter: review.quarter,
    scheduledAt: review.scheduledAt.toISOString(),
    startedAt: (review.startedAt ?? now).toISOString(),
    closedAt: now.toISOString(),
    closedBy: closer.name,
    agenda: review.agenda.map((item) => ({
      id: item.id,
      kind: item.kind as AgendaKind,
      title: item.title,
      plannedMinutes: item.plannedMinutes,
      spentSeconds: item.spentSeconds + (item.id === review.currentItemId ? Math.max(0, running) : 0),
    })),
    kpis: {
      definitions: kpis.definitions,
      quarters: kpis.quarters,
      values: kpis.values,
      healthByQuarter: kpis.healthByQuarter,
      health: kpis.health,
    },
    decisions: review.decisions.map((decision) => ({
      id: decision.id,
      text: decision.text,
      agendaTitle: decision.agendaItem?.title ?? null,
      by: decision.createdBy.name,
      at: decision.createdAt.toISOString(),
    })),
    actions: review.actions.map((row) => {
      const view = toActionItemView(row, todayIso);
      return {
        id: view.id,
        title: view.title,
        status: view.status,
        department: department(view.department),
        assignee: view.assignee?.name ?? null,
        dueDate: view.dueDate,
      };
    }),
    carriedOver: (carried?.items ?? []).map((item) => ({
      id: item.id,
      title: item.title,
      status: item.status,
      assignee: item.assignee?.name ?? null,
      dueDate: item.dueDate,
    })),
    attendance: review.attendees
      .map((attendee) => ({
        name: attendee.user.name,
        department: department(attendee.user.department),
        invited: attendee.invited,
        attended: attendee.attendedAt !== null,
      }))
      .sort((a, b) => Number(b.attended) - Number(a.attended) || a.name.localeCompare(b.name)),
    documents: documents.map((document) => {
      const approval = document.approvals[0];
      return {
        id: document.id,
        kind: document.kind,
        title: document.title,
        approved:
          approval?.closedAt && approval.version
            ? {
                versionId: approval.version.id,
                versionName: approval.version.name,
                approvedAt: approval.closedAt.toISOString(),
                contentHash: approval.contentHash,
              }
            : null,
      };
    }),
    minutes,
  };
}
