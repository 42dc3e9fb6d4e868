import type { RoundReply } from "~/features/scoring-rounds/round-reply";

/** What the assessment page's action answers: a round's replies, and the gap action items it creates. */
export type AssessmentReply = RoundReply | { ok: true; intent: "gap-action"; item: string; actionId: string };
