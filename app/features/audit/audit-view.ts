/** What the audit page shows and filters by (shared by its loader and its component). */
export const AUDIT_CHANNELS = ["web", "api", "socket", "collab", "system"] as const;

export interface AuditRow {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  channel: string;
  action: string;
  accountId: string | null;
  accountName: string | null;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  detail: string | null;
}

/** The filters that applied to a page of the log (all optional; dates as YYYY-MM-DD). */
export interface AuditFilter {
  person?: string;
  account?: string;
  kind?: string;
  channel?: (typeof AUDIT_CHANNELS)[number];
  from?: string;
  to?: string;
  cursor?: string;
}
