/** What the assessment page's action answers; refusals are already in the user's language. */
export type AssessmentReply =
  | { ok: true; intent: "open"; roundId: string; quarter: string }
  | { ok: true; intent: "score" | "targets" | "reveal" }
  | { ok: true; intent: "gap-action"; item: string; actionId: string }
  | { ok: false; intent: string; error: string };
