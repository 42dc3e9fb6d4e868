import type { ActionItemView } from "~/features/action-items/action-item.schema";
import type { DepartmentOption } from "~/features/action-items/format";
import type { ApprovalStatus } from "~/features/approvals/approval.schema";
import type { KpiOverview } from "~/features/kpis/kpi.schema";
import type { ReviewStatePayload } from "./review";
import type { TeamOption } from "./schedule-form";

/**
 * What the review page's loader sends for a scheduled or live review (dates as
 * strings). The route hands it to the lobby and the live view, so the compiler
 * checks the loader against it there.
 */
export interface ReviewPageData {
  mode: "scheduled" | "live";
  account: { id: string; name: string; currency: string };
  review: {
    id: string;
    quarter: string;
    status: string;
    scheduledAt: string;
    createdBy: string;
    minutesDocId: string | null;
  };
  canLead: boolean;
  canEdit: boolean;
  state: ReviewStatePayload;
  agenda: { id: string; kind: string; title: string; plannedMinutes: number }[];
  attendees: { id: string; name: string; department: DepartmentOption | null; invited: boolean; attended: boolean }[];
  decisions: { id: string; text: string; agendaItemId: string | null; by: string }[];
  actions: ActionItemView[];
  /** The previous closed review's action items still open, if there was one. */
  carriedOver: { reviewId: string; quarter: string; items: ActionItemView[] } | null;
  team: TeamOption[];
  quarters: string[];
  departments: DepartmentOption[];
  assignees: { id: string; name: string; departmentKey: string }[];
  kpis: KpiOverview;
  documents: { id: string; kind: string; title: string; status: ApprovalStatus }[];
  me: { name: string; color: string };
  /** The decision and action forms' id, new with every load: a resubmit stores once. */
  clientId: string;
}
