import { cutPage, newestFirst, olderThan, parseOlderCursor } from "~/utils/newest-first.server";
import { z } from "zod";
import type { Prisma } from "@prisma/client";
import type { Db } from "~/utils/db.server";
import { AUDIT_CHANNELS, type AuditFilter, type AuditRow } from "./audit-view";

const PAGE_SIZE = 50;
/** The CSV export's ceiling: a bigger span is narrowed with the date filters. */
export const EXPORT_LIMIT = 50_000;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

/**
 * The log's filters, from the page's query string. A field that does not
 * parse is dropped rather than failing the page: the reader sees the
 * unfiltered list and the form shows what applied.
 */
const FIELDS: { [K in keyof Required<AuditFilter>]: z.ZodType<AuditFilter[K]> } = {
  person: z.string().trim().min(1).max(254),
  account: z.string().trim().min(1).max(64),
  kind: z.string().trim().min(1).max(120),
  channel: z.enum(AUDIT_CHANNELS),
  from: day,
  to: day,
  cursor: z.string().regex(/^\d{13}_[A-Za-z0-9]{1,40}$/),
};

export function auditFilterFrom(params: URLSearchParams): AuditFilter {
  const filter: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(FIELDS)) {
    const parsed = schema.safeParse(params.get(name) ?? undefined);
    if (parsed.success) filter[name] = parsed.data;
  }
  return filter as AuditFilter;
}

function where(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.person) and.push({ OR: [{ actorId: filter.person }, { actorEmail: { contains: filter.person } }] });
  if (filter.account) and.push({ accountId: filter.account });
  // A kind is an action or the start of one: "admin" matches every admin action.
  if (filter.kind) and.push({ OR: [{ action: filter.kind }, { action: { startsWith: `${filter.kind}.` } }] });
  if (filter.channel) and.push({ channel: filter.channel });
  if (filter.from) and.push({ at: { gte: new Date(`${filter.from}T00:00:00Z`) } });
  if (filter.to) and.push({ at: { lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + 24 * 60 * 60 * 1000) } });
  return { AND: and };
}

const SELECT = {
  id: true,
  at: true,
  actorId: true,
  actorEmail: true,
  channel: true,
  action: true,
  accountId: true,
  objectType: true,
  objectId: true,
  ip: true,
  detail: true,
} as const;

async function withAccountNames(
  db: Db,
  rows: Array<Omit<AuditRow, "at" | "accountName"> & { at: Date }>,
): Promise<AuditRow[]> {
  const ids = [...new Set(rows.map((row) => row.accountId).filter((id): id is string => id !== null))];
  const accounts = ids.length
    ? await db.account.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  return rows.map((row) => ({
    ...row,
    at: row.at.toISOString(),
    accountName: row.accountId ? (names.get(row.accountId) ?? null) : null,
  }));
}

/** One page of the log, newest first, and the cursor of the next (older) page. */
export async function auditPage(db: Db, filter: AuditFilter): Promise<{ rows: AuditRow[]; older: string | null }> {
  const rows = await db.auditEvent.findMany({
    where: { AND: [where(filter), olderThan("at", parseOlderCursor(filter.cursor))] },
    orderBy: newestFirst("at"),
    take: PAGE_SIZE + 1,
    select: SELECT,
  });
  const page = cutPage(rows, PAGE_SIZE, (row) => row.at);
  return { rows: await withAccountNames(db, page.rows), older: page.older };
}

/** What the filter form offers: the accounts and the kinds of action the log holds. */
export async function auditChoices(db: Db) {
  const [accounts, actions] = await Promise.all([
    db.account.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" }, take: 300 }),
  ]);
  const kinds = new Set<string>();
  for (const { action } of actions) {
    const parts = action.split(".");
    for (let i = 1; i <= parts.length; i++) kinds.add(parts.slice(0, i).join("."));
  }
  return { accounts, kinds: [...kinds].sort() };
}

const CSV_COLUMNS = [
  "at",
  "actor_email",
  "actor_id",
  "channel",
  "action",
  "account_id",
  "account_name",
  "object_type",
  "object_id",
  "ip",
  "detail",
] as const;

/**
 * A cell as spreadsheets read it safely: quoted when it must be, and a value
 * that a spreadsheet would run as a formula (=, +, -, @) starts with an apostrophe.
 */
function cell(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The filtered log as CSV, newest first, up to EXPORT_LIMIT rows. */
export async function auditCsv(db: Db, filter: AuditFilter): Promise<string> {
  const rows = await withAccountNames(
    db,
    await db.auditEvent.findMany({
      where: where(filter),
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: EXPORT_LIMIT,
      select: SELECT,
    }),
  );
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(
      [
        row.at,
        row.actorEmail,
        row.actorId,
        row.channel,
        row.action,
        row.accountId,
        row.accountName,
        row.objectType,
        row.objectId,
        row.ip,
        row.detail,
      ]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
