import { z } from "zod";

/** How long a new token lasts, in days; "" for as long as it is not revoked. */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;

export const TokenIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string().trim().min(1, "api.tokens.error.name").max(60, "api.tokens.error.name"),
    scope: z.enum(["read", "write"]),
    expiresInDays: z
      .enum(["", ...TOKEN_EXPIRY_DAYS.map(String)] as [string, ...string[]])
      .transform((value) => (value ? Number(value) : null)),
  }),
  z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1).max(64) }),
]);

export type TokenScope = "read" | "write";

/** A token as its owner's list shows it: never its value or hash. */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** Revoked, expired, or live. */
  state: "live" | "expired" | "revoked";
}
