import { z } from "zod";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";

/**
 * A new account, from the admin page, the API and the CSV import alike. The
 * owner becomes the team's lead, so an account never starts without someone
 * who can run it.
 */
export const NewAccountSchema = z.object({
  name: z.string().trim().min(1).max(120),
  industry: z.string().trim().max(80).default(""),
  tier: z.enum(TIERS),
  ladderStage: z.enum(LADDER_STAGES).default("prospect"),
  lifecycleStage: z.enum(LIFECYCLE_STAGES).default("connect"),
  ownerEmail: z.string().trim().toLowerCase().email().max(254),
});
export type NewAccount = z.infer<typeof NewAccountSchema>;
