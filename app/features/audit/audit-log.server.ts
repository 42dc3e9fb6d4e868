import type { Db } from "~/utils/db.server";
import type { AuditChannel, AuditNote, AuditScope } from "./audit-scope.server";

export interface AuditEntry extends AuditNote {
  action: string;
  channel: AuditChannel;
  /** Without an email (the hub and the collab server do not keep one), it is looked up. */
  actor?: { id: string; email?: string } | null;
  ip?: string | null;
  at?: Date;
}

/** The path segment before an id, and what that id names. */
const ID_AFTER: Record<string, string> = {
  accounts: "account",
  docs: "document",
  reviews: "review",
  users: "user",
  departments: "department",
  webhooks: "webhook",
  tokens: "apiToken",
  "action-items": "actionItem",
  approvals: "approval",
  templates: "template",
};

/**
 * Names a write from its address and form intent, so every page's action is
 * logged without each one saying so: `POST /accounts/A/docs/D/approval` with
 * intent `decide` is `accounts.docs.approval.decide` on document D of account A.
 * A handler's own note (noteAudit) wins over what the address says.
 */
export function describeWrite(pathname: string, intent?: string): Required<Pick<AuditNote, "action">> & AuditNote {
  const segments = pathname.split("/").filter(Boolean).map(safeDecode);
  const names: string[] = [];
  let accountId: string | null = null;
  let objectType: string | null = null;
  let objectId: string | null = null;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    names.push(segment.replace(/\.[a-z]+$/, ""));
    const kind = ID_AFTER[segment];
    if (kind && i + 1 < segments.length) {
      const id = segments[++i];
      if (kind === "account") accountId = id;
      objectType = kind;
      objectId = id;
    }
  }
  const action = [...names, ...(intent ? [intent] : [])].join(".") || "root";
  return { action: action.slice(0, 120), accountId, objectType, objectId };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The entry a finished write request leaves, from its scope and address. */
export function entryFor(scope: AuditScope, pathname: string): AuditEntry {
  const described = describeWrite(pathname, scope.intent);
  const { note } = scope;
  return {
    channel: scope.channel,
    actor: scope.actor ?? null,
    ip: scope.ip,
    action: note.action ?? described.action,
    accountId: note.accountId !== undefined ? note.accountId : described.accountId,
    objectType: note.objectType !== undefined ? note.objectType : described.objectType,
    objectId: note.objectId !== undefined ? note.objectId : described.objectId,
    detail: note.detail,
  };
}

/**
 * Appends to the audit log (the table refuses updates and deletes). A failed
 * append is reported to the caller's logger and never fails the write it
 * describes: that write is already stored and answered.
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  const detail = entry.detail && Object.keys(entry.detail).length > 0 ? JSON.stringify(entry.detail) : null;
  const actor = entry.actor;
  const actorEmail =
    actor && actor.email === undefined
      ? ((await db.user.findUnique({ where: { id: actor.id }, select: { email: true } }))?.email ?? null)
      : (actor?.email ?? null);
  await db.auditEvent.create({
    data: {
      at: entry.at ?? new Date(),
      actorId: actor?.id ?? null,
      actorEmail,
      channel: entry.channel,
      action: entry.action,
      accountId: entry.accountId ?? null,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      ip: entry.ip ?? null,
      detail: detail && detail.length <= 2_000 ? detail : null,
    },
    select: { id: true },
  });
}
