import { z } from "zod";
import type { ReviewStatePayload } from "~/features/reviews/review";
import { IdSchema } from "./id";

/**
 * The team hub's wire contract (socket.io namespace `/team`): event names and
 * payloads, shared by the server and the browser.
 */
export const HUB_NAMESPACE = "/team";

/** One person present in a room, merged over their tabs. */
export interface PresentUser {
  userId: string;
  name: string;
  department: string;
  color: string;
  /** Documents of the account this person has open (account rooms). */
  documentIds: string[];
  /** The heading of the section their caret is in (document rooms). */
  section: string | null;
}

export type PresenceScope = "account" | "document" | "review";

export interface PresencePayload {
  scope: PresenceScope;
  id: string;
  users: PresentUser[];
}

export interface NotificationPayload {
  id: string;
  kind: NotificationKind;
  accountId: string | null;
  accountName: string | null;
  actorName: string | null;
  title: string;
  excerpt: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export const NOTIFICATION_KINDS = [
  "mention",
  "department_mention",
  "reply",
  "action_assigned",
  "member_added",
  "approval_requested",
  "approval_decided",
  "review_scheduled",
  "right_broken",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface ActivityPayload {
  id: string;
  accountId: string;
  kind: ActivityKind;
  actorName: string | null;
  documentId: string | null;
  subject: string;
  detail: string;
  count: number;
  createdAt: string;
  updatedAt: string;
}

export const ACTIVITY_KINDS = [
  "doc_created",
  "doc_edited",
  "comment",
  "mention",
  "stage_changed",
  "member_added",
  "member_removed",
  "member_changed",
  "action_created",
  "action_updated",
  "version_saved",
  "version_restored",
  "approval_requested",
  "approval_decided",
  "kpis_updated",
  "review_scheduled",
  "review_started",
  "review_closed",
  "round_opened",
  "round_revealed",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** A scoring round's progress: who finished, never what anyone scored. */
export interface RoundProgressPayload {
  roundId: string;
  accountId: string;
  kind: "capability" | "net_value";
  finished: number;
  total: number;
  status: "open" | "revealed";
}

/** Server → client events. Each is sent after the change it reports is stored. */
export interface ServerToClientEvents {
  presence: (payload: PresencePayload) => void;
  notification: (payload: NotificationPayload) => void;
  activity: (payload: ActivityPayload) => void;
  "comment:changed": (payload: { documentId: string; threadId: string }) => void;
  "action:changed": (payload: { accountId: string; actionId: string }) => void;
  "versions:changed": (payload: { documentId: string }) => void;
  /** An approval round was requested or decided on this document. */
  "approval:changed": (payload: { accountId: string; documentId: string }) => void;
  /** Some of this user's notifications were read (in any tab): `ids` null means all. */
  "notifications:read": (payload: { ids: string[] | null; unread: number }) => void;
  /** Where a live review is: sent to its room whenever the lead moves, starts or closes it. */
  "review:state": (payload: ReviewStatePayload) => void;
  /** A review's agenda, decisions, action items or attendance changed: reload it. */
  "review:changed": (payload: { accountId: string; reviewId: string }) => void;
  /** A scoring round was opened, scored, given targets or revealed: reload it. */
  "round:progress": (payload: RoundProgressPayload) => void;
  /** This user was removed from the account's team: its rooms are left. */
  "access:revoked": (payload: { accountId: string }) => void;
  /**
   * With several server processes: their link (Redis) failed, so only events
   * from this client's own process arrive (`degraded`), or it is back and
   * what was missed should be reloaded. Never sent to a single process.
   */
  "hub:status": (payload: { degraded: boolean }) => void;
}

export type HubAck<T = object> = (reply: ({ ok: true } & T) | { ok: false; error: HubError }) => void;
export interface HubError {
  code: "invalid" | "forbidden" | "not_found" | "rate_limited" | "unavailable";
  message: string;
}

/** Client → server events. Every one takes an ack and is validated with the schemas below. */
export interface ClientToServerEvents {
  "account:join": (payload: { accountId: string }, ack: HubAck<{ presence: PresencePayload }>) => void;
  "account:leave": (payload: { accountId: string }, ack: HubAck) => void;
  "document:join": (payload: { documentId: string }, ack: HubAck<{ presence: PresencePayload }>) => void;
  "document:leave": (payload: { documentId: string }, ack: HubAck) => void;
  "presence:section": (payload: { documentId: string; section: string | null }, ack: HubAck) => void;
  /** Follows a review: presence, its state, and attendance while it is live. */
  "review:join": (
    payload: { reviewId: string },
    ack: HubAck<{ state: ReviewStatePayload; presence: PresencePayload }>,
  ) => void;
  "review:leave": (payload: { reviewId: string }, ack: HubAck) => void;
  /** The lead moves the review to an agenda item; everyone following moves with them. */
  "review:go": (payload: { reviewId: string; itemId: string }, ack: HubAck<{ state: ReviewStatePayload }>) => void;
  /** Notifications created after `since` (ISO time), oldest first, and the unread count. */
  "notifications:sync": (
    payload: { since: string | null },
    ack: HubAck<{ notifications: NotificationPayload[]; unread: number }>,
  ) => void;
}

const id = IdSchema;

export const HubSchemas = {
  "account:join": z.object({ accountId: id }),
  "account:leave": z.object({ accountId: id }),
  "document:join": z.object({ documentId: id }),
  "document:leave": z.object({ documentId: id }),
  "presence:section": z.object({ documentId: id, section: z.string().trim().max(120).nullable() }),
  "notifications:sync": z.object({ since: z.string().datetime().nullable() }),
  "review:join": z.object({ reviewId: id }),
  "review:leave": z.object({ reviewId: id }),
  "review:go": z.object({ reviewId: id, itemId: id }),
} satisfies Record<keyof ClientToServerEvents, z.ZodTypeAny>;

export const accountRoom = (accountId: string) => `account:${accountId}`;
export const documentRoom = (documentId: string) => `document:${documentId}`;
export const reviewRoom = (reviewId: string) => `review:${reviewId}`;
export const userRoom = (userId: string) => `user:${userId}`;
