import { mentionHandle, parseMentions, type Mentionable } from "~/features/comments/mentions";
import type { Db } from "~/utils/db.server";

export interface ResolvedMentions {
  /** People named directly. */
  people: Set<string>;
  /** People reached through a department mention, not named directly. */
  throughDepartment: Set<string>;
  /** The handles that reached someone, as written in the comment's order. */
  handles: string[];
}

async function teamOf(db: Db, accountId: string) {
  return db.accountMember.findMany({
    where: { accountId, user: { active: true } },
    select: {
      userId: true,
      user: { select: { name: true } },
      department: { select: { key: true, name: true, nameZh: true, color: true } },
    },
    orderBy: { user: { name: "asc" } },
  });
}

/**
 * Who a comment reaches: `@person` must be on the account team, and
 * `@department` reaches exactly the team members in that department.
 */
export async function resolveMentions(db: Db, accountId: string, text: string): Promise<ResolvedMentions> {
  const written = parseMentions(text);
  const handles = new Set(written);
  const people = new Set<string>();
  const throughDepartment = new Set<string>();
  const used = new Set<string>();
  if (handles.size === 0) return { people, throughDepartment, handles: [] };
  for (const member of await teamOf(db, accountId)) {
    const personal = mentionHandle(member.user.name);
    if (handles.has(personal)) {
      people.add(member.userId);
      used.add(personal);
    }
    if (handles.has(member.department.key)) {
      used.add(member.department.key);
      if (!people.has(member.userId)) throughDepartment.add(member.userId);
    }
  }
  for (const userId of people) throughDepartment.delete(userId);
  return { people, throughDepartment, handles: written.filter((handle) => used.has(handle)) };
}

/** What the composer offers after `@`: the team's people, then its departments. */
export async function listMentionables(db: Db, accountId: string, locale: string): Promise<Mentionable[]> {
  const team = await teamOf(db, accountId);
  const departments = new Map<string, Mentionable>();
  const people: Mentionable[] = team.map((member) => {
    const department = locale === "zh-CN" ? member.department.nameZh : member.department.name;
    departments.set(member.department.key, {
      handle: member.department.key,
      kind: "department",
      label: department,
      detail: member.department.key,
      color: member.department.color,
    });
    return {
      handle: mentionHandle(member.user.name),
      kind: "person",
      label: member.user.name,
      detail: department,
      color: member.department.color,
    };
  });
  return [...people, ...departments.values()];
}
