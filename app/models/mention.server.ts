import { mentionHandle, parseMentions, type Mentionable } from "~/shared/mentions";
import type { Db } from "~/utils/db.server";

export interface ResolvedMentions {
  /** People named directly. */
  people: Set<string>;
  /** People reached through a department mention, not named directly. */
  throughDepartment: Set<string>;
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
  const handles = new Set(parseMentions(text));
  const people = new Set<string>();
  const throughDepartment = new Set<string>();
  if (handles.size === 0) return { people, throughDepartment };
  for (const member of await teamOf(db, accountId)) {
    if (handles.has(mentionHandle(member.user.name))) people.add(member.userId);
    else if (handles.has(member.department.key)) throughDepartment.add(member.userId);
  }
  return { people, throughDepartment };
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
