import type { JSONContent } from "@tiptap/core";
import { h, p } from "~/features/documents/doc-templates";
import type { Health } from "~/features/kpis/kpi";
import type { ActionStatus } from "~/features/action-items/action-item.schema";
import type { KpiDefinitionView } from "~/features/kpis/kpi.schema";

export const reviewLink = (accountId: string, reviewId: string) => `/accounts/${accountId}/reviews/${reviewId}`;

/** The agenda template's items, in order, with the minutes planned for each. */
export const AGENDA_TEMPLATE = [
  { kind: "results", plannedMinutes: 10 },
  { kind: "kpis", plannedMinutes: 15 },
  { kind: "roadmap", plannedMinutes: 15 },
  { kind: "bill_of_rights", plannedMinutes: 10 },
  { kind: "feedback", plannedMinutes: 10 },
  { kind: "decisions", plannedMinutes: 10 },
  { kind: "actions", plannedMinutes: 10 },
] as const;

export type TemplateAgendaKind = (typeof AGENDA_TEMPLATE)[number]["kind"];
export type AgendaKind = TemplateAgendaKind | "custom";
export const AGENDA_KINDS: readonly AgendaKind[] = [...AGENDA_TEMPLATE.map((item) => item.kind), "custom"];

export const REVIEW_STATUSES = ["scheduled", "live", "closed"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_LIMITS = { maxAgendaItems: 20, maxItemMinutes: 240, maxDecisionChars: 1000 } as const;

/**
 * Where a live review is, as the server stores it. The timer of an item is
 * `spent[item]` plus, for the current item, the time since `itemStartedAt`;
 * `serverNow` lets a client with a skewed clock still count right.
 */
export interface ReviewStatePayload {
  reviewId: string;
  status: ReviewStatus;
  currentItemId: string | null;
  itemStartedAt: string | null;
  spent: Record<string, number>;
  serverNow: string;
}

/** Seconds spent on an item at client time `nowMs`, given the clock offset to the server. */
export function itemSeconds(state: ReviewStatePayload, itemId: string, nowMs: number, offsetMs: number): number {
  const spent = state.spent[itemId] ?? 0;
  if (state.status !== "live" || state.currentItemId !== itemId || !state.itemStartedAt) return spent;
  const running = (nowMs + offsetMs - Date.parse(state.itemStartedAt)) / 1000;
  return spent + Math.max(0, Math.floor(running));
}

/** "m:ss", or "h:mm:ss" past an hour. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

export interface SummaryDepartment {
  key: string;
  name: string;
  nameZh: string;
  color: string;
}

/**
 * What a closed review's summary shows, frozen when it closed: later edits to
 * KPIs, action items or documents do not change what was reviewed.
 */
export interface ReviewSummary {
  /** `currency` is missing from summaries frozen before accounts had one. */
  account: { id: string; name: string; currency?: string };
  quarter: string;
  scheduledAt: string;
  startedAt: string;
  closedAt: string;
  closedBy: string;
  agenda: Array<{ id: string; kind: AgendaKind; title: string; plannedMinutes: number; spentSeconds: number }>;
  kpis: {
    definitions: KpiDefinitionView[];
    /** The reviewed quarter and up to three before it, oldest first. */
    quarters: string[];
    values: Record<string, Record<string, number>>;
    healthByQuarter: Record<string, number | null>;
    health: Health | null;
  };
  decisions: Array<{ id: string; text: string; agendaTitle: string | null; by: string; at: string }>;
  actions: Array<{
    id: string;
    title: string;
    status: ActionStatus;
    department: SummaryDepartment | null;
    assignee: string | null;
    dueDate: string | null;
  }>;
  /** Open items carried over from the previous review, with their status at close. */
  carriedOver: Array<{
    id: string;
    title: string;
    status: ActionStatus;
    /** Absent in summaries frozen before departments were copied for carried-over items. */
    department?: SummaryDepartment | null;
    assignee: string | null;
    dueDate: string | null;
  }>;
  attendance: Array<{ name: string; department: SummaryDepartment | null; invited: boolean; attended: boolean }>;
  /** The account's roadmaps and plans: their latest approved version at closing time, if any. */
  documents: Array<{
    id: string;
    kind: string;
    title: string;
    approved: { versionId: string; versionName: string; approvedAt: string; contentHash: string } | null;
  }>;
  minutes: { documentId: string; versionId: string; content: JSONContent } | null;
}

/** The minutes document a review starts with: a heading per agenda item, in the agenda's order. */
export function minutesContent(title: string, agendaTitles: readonly string[]): JSONContent {
  return {
    type: "doc",
    content: [h(1, title), ...agendaTitles.flatMap((item) => [h(2, item), p()])],
  };
}

/** An account's reviews at a glance, for the portfolio. */
export interface PortfolioReview {
  last: { id: string; quarter: string; closedAt: string } | null;
  next: { id: string; quarter: string; scheduledAt: string; live: boolean } | null;
}
