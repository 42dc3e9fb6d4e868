import type { Prisma } from "@prisma/client";
import { OPEN_STATUSES, type ActionFilter, type ActionStatus } from "~/features/action-items/action-item.schema";
import type { Db } from "~/utils/db.server";

/** Items on one page of a list: a team's year of reviews can leave hundreds (issue 21). */
export const ACTION_PAGE_SIZE = 50;

const CLOSED_STATUSES: readonly ActionStatus[] = ["done", "cancelled"];

/**
 * The statuses a filter shows, in the order the list shows them: open work
 * first. Each group is one keyset run ordered by due date (undated last), then
 * creation, then id, which is the order `compareActionItems` sorts a page in.
 */
export function statusGroups(filter: ActionFilter): (readonly ActionStatus[])[] {
  if (filter === "open") return [OPEN_STATUSES];
  if (filter === "done") return [["done"]];
  return [OPEN_STATUSES, CLOSED_STATUSES];
}

interface Position {
  due: Date | null;
  created: Date;
  id: string;
}

interface Cursor {
  group: number;
  /** The last item shown; none when the page starts at the group's beginning. */
  position: Position | null;
}

/** `<group>[.<due ms or "n">.<created ms>.<id>]`: where the next page starts. */
const CURSOR = /^(\d)(?:\.(\d{1,15}|n)\.(\d{1,15})\.([A-Za-z0-9_-]{1,40}))?$/;

export function parseCursor(value: string | null | undefined): Cursor | null {
  const match = value ? CURSOR.exec(value) : null;
  if (!match) return null;
  const position = match[2]
    ? { due: match[2] === "n" ? null : new Date(Number(match[2])), created: new Date(Number(match[3])), id: match[4] }
    : null;
  return { group: Number(match[1]), position };
}

function cursorOf(group: number, row: { dueDate: Date | null; createdAt: Date; id: string }): string {
  return `${group}.${row.dueDate ? row.dueDate.getTime() : "n"}.${row.createdAt.getTime()}.${row.id}`;
}

/** Rows strictly after the cursor in (due date, undated last; created; id) order. */
function after(cursor: Position): Prisma.ActionItemWhereInput {
  const sameDue = { createdAt: cursor.created, id: { gt: cursor.id } };
  const later = { OR: [{ createdAt: { gt: cursor.created } }, sameDue] };
  if (cursor.due === null) return { dueDate: null, ...later };
  return {
    OR: [{ dueDate: { gt: cursor.due } }, { dueDate: null }, { dueDate: cursor.due, ...later }],
  };
}

/**
 * One page of action items matching `where`, open work first, and the cursor
 * of the next page (null on the last one). Keyset paging: an item added or
 * finished while someone pages neither repeats nor hides the others.
 */
export async function pageActionItems<T extends Prisma.ActionItemInclude>(
  db: Db,
  where: Prisma.ActionItemWhereInput,
  filter: ActionFilter,
  include: T,
  cursorValue: string | null | undefined,
  size = ACTION_PAGE_SIZE,
): Promise<{ rows: Prisma.ActionItemGetPayload<{ include: T }>[]; next: string | null }> {
  const groups = statusGroups(filter);
  const cursor = parseCursor(cursorValue);
  const start = cursor && cursor.group < groups.length ? cursor.group : 0;
  const rows: Prisma.ActionItemGetPayload<{ include: T }>[] = [];
  for (let group = start; group < groups.length; group++) {
    const found = (await db.actionItem.findMany({
      where: {
        AND: [
          where,
          { status: { in: [...groups[group]] } },
          ...(cursor?.position && group === start ? [after(cursor.position)] : []),
        ],
      },
      include,
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
      take: size - rows.length + 1,
    })) as Prisma.ActionItemGetPayload<{ include: T }>[];
    if (rows.length + found.length > size) {
      rows.push(...found.slice(0, size - rows.length));
      return { rows, next: cursorOf(group, rows[rows.length - 1]) };
    }
    rows.push(...found);
    if (rows.length === size && group + 1 < groups.length) {
      // Exactly full: the next page starts at the next group, if it has anything.
      const more = await db.actionItem.count({ where: { AND: [where, { status: { in: [...groups[group + 1]] } }] } });
      return { rows, next: more > 0 ? String(group + 1) : null };
    }
  }
  return { rows, next: null };
}
