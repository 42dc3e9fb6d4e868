import { Prisma } from "@prisma/client";
import type { Db } from "~/utils/db.server";

/** Every department, archived ones included, with how many active people call it home. */
export async function listDepartments(db: Db) {
  const rows = await db.department.findMany({
    orderBy: { sortOrder: "asc" },
    select: {
      id: true,
      key: true,
      name: true,
      nameZh: true,
      color: true,
      archivedAt: true,
      _count: { select: { users: { where: { active: true } } } },
    },
  });
  return rows.map(({ _count, archivedAt, ...row }) => ({
    ...row,
    archivedAt: archivedAt?.toISOString() ?? null,
    people: _count.users,
  }));
}

/** A new department at the end of the list; false when the key is taken. */
export async function addDepartment(
  db: Db,
  input: { key: string; name: string; nameZh: string; color: string },
): Promise<string | null> {
  const last = await db.department.aggregate({ _max: { sortOrder: true } });
  try {
    const row = await db.department.create({
      data: { ...input, sortOrder: (last._max.sortOrder ?? 0) + 1 },
      select: { id: true },
    });
    return row.id;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

/** New names (and colour, unless null); false for an unknown key. The key itself never changes: links and logs use it. */
export async function renameDepartment(
  db: Db,
  key: string,
  change: { name: string; nameZh: string; color: string | null },
): Promise<boolean> {
  const { count } = await db.department.updateMany({
    where: { key },
    data: { name: change.name, nameZh: change.nameZh, ...(change.color ? { color: change.color } : {}) },
  });
  return count === 1;
}

/**
 * Archives or brings back a department. Archived, it keeps its people, members and items
 * (history stays readable) but pickers for new people, members and items leave it out.
 */
export async function setDepartmentArchived(db: Db, key: string, archived: boolean): Promise<boolean> {
  const { count } = await db.department.updateMany({
    where: { key },
    data: { archivedAt: archived ? new Date() : null },
  });
  return count === 1;
}
