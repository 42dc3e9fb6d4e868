import type { Translate } from "~/i18n/i18n";
import { TEAM_ROLES, type TeamRole } from "~/features/team/team.schema";

/**
 * A stored `department/role` detail (feed entries and notifications keep keys,
 * not words) as the reader's words: "Logistics · Member". Department names
 * come from the page when it has them; the key is the fallback.
 */
export function memberPlace(t: Translate, detail: string, departments: Record<string, string> = {}): string {
  const [department, role] = detail.split("/");
  if (!department || !(TEAM_ROLES as readonly string[]).includes(role)) return "";
  return `${departments[department] ?? department} · ${t(`role.${role as TeamRole}`)}`;
}
