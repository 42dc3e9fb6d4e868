import { z } from "zod";
import { IdSchema } from "~/shared/id";

/** Team roles, in the order the team page lists and offers them. */
export const TEAM_ROLES = ["lead", "member", "executive", "viewer"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const userId = IdSchema;
const department = z.string().regex(/^[a-z0-9_-]{1,40}$/);
const role = z.enum(TEAM_ROLES);

/** The team page's form intents: one schema, so an unknown intent is a 400 like any bad field. */
export const TeamIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), userId, department, role }),
  z.object({ intent: z.literal("change"), userId, department, role }),
  z.object({ intent: z.literal("remove"), userId }),
]);
export type TeamIntent = z.infer<typeof TeamIntentSchema>;

/** Why a team change was refused; the page shows `team.error.<code>`. */
export type TeamErrorCode =
  | "invalid"
  | "unknown_account"
  | "unknown_user"
  | "inactive_user"
  | "already_member"
  | "not_member"
  | "unknown_department"
  | "last_lead";

/** What the team page's action answers (JSON for fetchers and other clients). */
export type TeamActionReply =
  | { ok: true; intent: TeamIntent["intent"]; userId: string }
  | { ok: false; error: { code: TeamErrorCode; message: string; issues?: Record<string, string[] | undefined> } };
