import type { TeamBroadcast } from "../app/utils/services.server";
import type { Db } from "../app/utils/db.server";
import { recentQuarters } from "../app/features/kpis/kpi";
import { AGENDA_TEMPLATE, type ReviewSummary } from "../app/features/reviews/review";
import {
  addReviewAction,
  closeReview,
  markAttended,
  recordDecision,
  startReview,
} from "../app/features/reviews/review-session.server";
import { scheduleReview } from "../app/features/reviews/review.server";
import { translate } from "../app/i18n/i18n.server";
import { asBytes } from "../app/utils/db.server";
import { contentToYjsState } from "../app/features/documents/document-content.server";
import { b, h, p, task, tasks, ul } from "../app/features/documents/doc-templates";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Nobody is connected while seeding: pushes go nowhere. */
const silentHub: TeamBroadcast = { toAccount() {}, toDocument() {}, toUser() {}, toReview() {}, toMany() {} };

/**
 * Northwind's last quarter's review, held and closed three weeks ago with
 * decisions and action items (one still open, so it is carried over), and
 * the next review scheduled in ten days. Made through the same model
 * functions as the app, then dated into the past.
 */
export async function seedReviews(db: Db, users: Map<string, string>): Promise<void> {
  const northwind = await db.account.findFirst({ where: { name: "Northwind Rail Systems" }, select: { id: true } });
  const lead = users.get("lead");
  if (!northwind || !lead) return;
  const services = {
    db,
    hub: silentHub,
    documents: {
      // Seeded documents live in their snapshot only (no update log yet).
      async currentState(documentId: string) {
        const snapshot = await db.docSnapshot.findUniqueOrThrow({ where: { documentId } });
        return snapshot.state;
      },
      async changeDocument() {
        throw new Error("seed: documents are not edited");
      },
    },
  };
  const actor = { id: lead, workspaceRole: "member" };
  const invitees = ["lead", "sales", "production", "logistics", "support", "exec"].flatMap((h) => users.get(h) ?? []);
  const agenda = AGENDA_TEMPLATE.map((item) => ({ ...item, title: translate("en", `reviews.agenda.${item.kind}`) }));
  const [, , previousQuarter, currentQuarter] = recentQuarters(new Date(), 4);
  if (!previousQuarter || !currentQuarter) return;

  const heldAt = new Date(Date.now() - 21 * DAY_MS);
  const past = await scheduleReview(services, actor, northwind.id, {
    quarter: previousQuarter,
    scheduledAt: heldAt,
    attendees: invitees,
    agenda,
  });
  await startReview(services, actor, past.id, translate("en", "reviews.minutes.title", { quarter: previousQuarter }));
  for (const handle of ["sales", "production", "logistics", "exec"]) {
    const userId = users.get(handle);
    if (userId) await markAttended(db, past.id, userId);
  }
  await writeMinutes(db, past.id, previousQuarter);
  const items = await db.reviewAgendaItem.findMany({ where: { reviewId: past.id }, orderBy: { position: "asc" } });
  const item = (kind: string) => items.find((i) => i.kind === kind)?.id;
  await recordDecision(services, actor, past.id, {
    text: "Move the Q4 spare-parts shipments to the Hamburg hub to cut transit time by two days.",
    agendaItemId: item("roadmap"),
  });
  await recordDecision(services, actor, past.id, {
    text: "Support answers P1 tickets within 2 hours, as the bill of rights promises, starting this month.",
    agendaItemId: item("bill_of_rights"),
  });
  const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
  const done = await addReviewAction(services, actor, past.id, {
    title: "Agree Hamburg hub slots with the carrier",
    department: "logistics",
    assigneeId: users.get("logistics"),
    dueDate: inDays(-10),
    status: "open",
  });
  await addReviewAction(services, actor, past.id, {
    title: "Publish the P1 on-call rota to the customer",
    department: "support",
    assigneeId: users.get("support"),
    dueDate: inDays(5),
    status: "in_progress",
  });
  if (done.ok)
    await db.actionItem.update({ where: { id: done.action.id }, data: { status: "done", completedAt: new Date() } });
  await closeReview(services, actor, past.id);

  // Dated into the past, with the time each item took.
  const closedAt = new Date(heldAt.getTime() + 75 * 60 * 1000);
  const row = await db.review.findUniqueOrThrow({ where: { id: past.id }, select: { summary: true } });
  const summary = JSON.parse(row.summary ?? "{}") as ReviewSummary;
  summary.startedAt = heldAt.toISOString();
  summary.closedAt = closedAt.toISOString();
  summary.agenda = summary.agenda.map((entry, index) => ({
    ...entry,
    spentSeconds: entry.plannedMinutes * 60 + (index % 3) * 90 - 60,
  }));
  await db.review.update({
    where: { id: past.id },
    data: { startedAt: heldAt, closedAt, summary: JSON.stringify(summary) },
  });
  for (const entry of summary.agenda) {
    await db.reviewAgendaItem.update({ where: { id: entry.id }, data: { spentSeconds: entry.spentSeconds } });
  }

  const next = new Date(Date.now() + 10 * DAY_MS);
  next.setUTCHours(9, 0, 0, 0);
  await scheduleReview(services, actor, northwind.id, {
    quarter: currentQuarter,
    scheduledAt: next,
    attendees: invitees,
    agenda,
  });
  // The invitations are history in the demo, not news.
  await db.notification.updateMany({ where: { kind: "review_scheduled" }, data: { readAt: new Date() } });
}

/** What the team wrote in the demo review's minutes (as if typed during the meeting). */
async function writeMinutes(db: Db, reviewId: string, quarter: string): Promise<void> {
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { minutesDocId: true } });
  if (!review.minutesDocId) return;
  const content = {
    type: "doc",
    content: [
      h(1, translate("en", "reviews.minutes.title", { quarter })),
      h(2, "Results against last quarter's goals"),
      ul(
        ["On-time delivery reached ", b("97.4%"), " (goal 97%)."],
        "Spare-parts lead time still 9 weeks against the 8 promised.",
      ),
      h(2, "KPI review"),
      p("Health score up to 100. Open tickets down from 9 to 4; CSAT 8.8."),
      h(2, "Roadmap progress"),
      p("Metro-X pilot on track; customs paperwork is the risk for the first shipment."),
      h(2, "Bill of rights compliance"),
      p("Two P1 tickets answered after 3 hours in October: below the promised 2 hours."),
      h(2, "Customer feedback"),
      p("Procurement wants a monthly P1 report and earlier notice of delivery slips."),
      h(2, "Decisions"),
      p("See the decisions recorded on the roadmap and bill-of-rights items."),
      h(2, "Action items"),
      tasks(task(true, "Hamburg hub slots agreed with the carrier"), task(false, "P1 on-call rota published")),
    ],
  };
  await db.docSnapshot.update({
    where: { documentId: review.minutesDocId },
    data: { state: asBytes(contentToYjsState(content)) },
  });
}
