import { AUTO_VERSION_NAMES } from "~/features/documents/versions/version-name";
import { healthScore, parseQuarter, quarterStart } from "~/features/kpis/kpi";
import type { AgendaKind, ReviewSummary, SummaryDepartment } from "~/features/reviews/review";
import { DOC_KINDS } from "~/features/documents/doc-templates";
import type { Db } from "~/utils/db.server";
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

type FrozenReview = Awaited<ReturnType<typeof loadReview>>;
type ReviewedDocument = Awaited<ReturnType<typeof reviewedDocuments>>[number];

function loadReview(db: Db, reviewId: string) {
  return db.review.findUniqueOrThrow({
    where: { id: reviewId },
    include: {
      account: { select: { id: true, name: true, currency: true } },
      agenda: { orderBy: { position: "asc" } },
      attendees: { include: { user: { select: { name: true, department: true } } } },
      decisions: {
        include: { createdBy: { select: { name: true } }, agendaItem: { select: { title: true } } },
        orderBy: { createdAt: "asc" },
      },
      actions: { include: actionItemInclude, orderBy: { createdAt: "asc" } },
    },
  });
}

/** The account's documents of the reviewed kinds, each with its latest approval. */
function reviewedDocuments(db: Db, accountId: string) {
  return db.document.findMany({
    where: { accountId, kind: { in: [...DOC_KINDS] } },
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
}

/** Saves a "review" version of the minutes, and returns them as they read now. */
async function freezeMinutes(
  services: SummaryServices,
  actor: { id: string },
  review: FrozenReview,
  versionName: string,
): Promise<ReviewSummary["minutes"]> {
  if (!review.minutesDocId) return null;
  const minutesDoc = { id: review.minutesDocId, accountId: review.accountId, title: versionName };
  const content = yjsStateToContent(await services.documents.currentState(minutesDoc.id));
  const version = await saveVersion(services, actor.id, minutesDoc, versionName, "review");
  return { documentId: minutesDoc.id, versionId: version.id, content };
}

/** The current item's running time counts as spent on it. */
function summaryAgenda(review: FrozenReview, now: Date): ReviewSummary["agenda"] {
  const running = review.itemStartedAt ? Math.round((now.getTime() - review.itemStartedAt.getTime()) / 1000) : 0;
  return review.agenda.map((item) => ({
    id: item.id,
    kind: item.kind as AgendaKind,
    title: item.title,
    plannedMinutes: item.plannedMinutes,
    spentSeconds: item.spentSeconds + (item.id === review.currentItemId ? Math.max(0, running) : 0),
  }));
}

function summaryDecisions(review: FrozenReview): ReviewSummary["decisions"] {
  return review.decisions.map((decision) => ({
    id: decision.id,
    text: decision.text,
    agendaTitle: decision.agendaItem?.title ?? null,
    by: decision.createdBy.name,
    at: decision.createdAt.toISOString(),
  }));
}

function summaryActions(review: FrozenReview): ReviewSummary["actions"] {
  const todayIso = today();
  return review.actions.map((row) => {
    const view = toActionItemView(row, todayIso);
    return {
      id: view.id,
      title: view.title,
      status: view.status,
      department: department(view.department),
      assignee: view.assignee?.name ?? null,
      dueDate: view.dueDate,
    };
  });
}

function summaryCarriedOver(carried: Awaited<ReturnType<typeof carriedOverActions>>): ReviewSummary["carriedOver"] {
  return (carried?.items ?? []).map((item) => ({
    id: item.id,
    title: item.title,
    status: item.status,
    department: department(item.department),
    assignee: item.assignee?.name ?? null,
    dueDate: item.dueDate,
  }));
}

/** Those who attended first, then by name. */
function summaryAttendance(review: FrozenReview): ReviewSummary["attendance"] {
  return review.attendees
    .map((attendee) => ({
      name: attendee.user.name,
      department: department(attendee.user.department),
      invited: attendee.invited,
      attended: attendee.attendedAt !== null,
    }))
    .sort((a, b) => Number(b.attended) - Number(a.attended) || a.name.localeCompare(b.name));
}

function summaryDocuments(documents: ReviewedDocument[]): ReviewSummary["documents"] {
  return documents.map((document) => {
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
  });
}

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
  const review = await loadReview(db, reviewId);
  const closer = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
  const quarter = parseQuarter(review.quarter);
  const kpis = await kpiOverview(db, review.accountId, quarter ? quarterStart(quarter) : now, SUMMARY_QUARTERS);
  const reviewedValues = kpis.values[review.quarter];
  const carried = await carriedOverActions(db, review);
  const versionName = AUTO_VERSION_NAMES.review(review.quarter);
  const documents = await reviewedDocuments(db, review.accountId);
  for (const document of documents) await saveVersion(services, actor.id, document, versionName, "review");
  const minutes = await freezeMinutes(services, actor, review, versionName);

  return {
    account: review.account,
    quarter: review.quarter,
    scheduledAt: review.scheduledAt.toISOString(),
    startedAt: (review.startedAt ?? now).toISOString(),
    closedAt: now.toISOString(),
    closedBy: closer.name,
    agenda: summaryAgenda(review, now),
    kpis: {
      definitions: kpis.definitions,
      quarters: kpis.quarters,
      values: kpis.values,
      healthByQuarter: kpis.healthByQuarter,
      // The reviewed quarter's own score: never an older quarter's under this quarter's heading.
      health: reviewedValues ? healthScore(kpis.definitions, reviewedValues) : null,
    },
    decisions: summaryDecisions(review),
    actions: summaryActions(review),
    carriedOver: summaryCarriedOver(carried),
    attendance: summaryAttendance(review),
    documents: summaryDocuments(documents),
    minutes,
  };
}
