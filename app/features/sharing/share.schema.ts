import { z } from "zod";

/** Documents a lead may publish to the customer. */
export const SHAREABLE_KINDS: readonly string[] = ["bill_of_rights", "roadmap"];

/** How long a new link lasts, in days; "" for as long as it is not revoked. */
export const EXPIRY_DAYS = [7, 30, 90] as const;

export const ShareIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    expiresInDays: z
      .enum(["", ...EXPIRY_DAYS.map(String)] as [string, ...string[]])
      .transform((value) => (value ? Number(value) : null)),
  }),
  z.object({ intent: z.literal("revoke"), linkId: z.string().min(1).max(64) }),
]);
