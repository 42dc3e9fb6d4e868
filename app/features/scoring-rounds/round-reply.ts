/** The scoring round intents both round pages answer. */
export type RoundIntent = "open" | "score" | "targets" | "reveal";

/**
 * What a round page's action answers. Refusals are already in the user's
 * language; `fieldErrors` names the score field a refusal is about.
 */
export type RoundReply =
  | { ok: true; intent: "open"; roundId: string; quarter: string }
  | { ok: true; intent: Exclude<RoundIntent, "open"> }
  | { ok: false; intent: string | null; error: string; fieldErrors: Record<string, string> };
