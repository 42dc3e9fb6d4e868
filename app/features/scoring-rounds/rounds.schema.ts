import { z } from "zod";
import { IdSchema } from "~/shared/id";
import { MAX_EVIDENCE_LENGTH, ROUND_KINDS } from "./rounds";

/**
 * The scoring rounds' forms. Messages are i18n keys (app/i18n/en/assessments.json);
 * ranges, items and evidence rules are checked by the commands, which know the round.
 */

const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
const SCORE_FIELD = "score:";
const EVIDENCE_FIELD = "evidence:";
const TARGET_FIELD = "target:";
export const scoreField = (item: string) => `${SCORE_FIELD}${item}`;
export const evidenceField = (item: string) => `${EVIDENCE_FIELD}${item}`;
export const targetField = (item: string) => `${TARGET_FIELD}${item}`;

/** A form's whole number; a blank field means "not given" and is left out. */
const wholeNumber = z
  .string()
  .trim()
  .regex(/^-?\d{1,3}$/, "rounds.error.notNumber")
  .transform(Number);

/** The fields named `<prefix><item>` as a record keyed by item. */
function byItem(fields: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => [name.slice(prefix.length), value]),
  );
}

const itemName = z.string().regex(/^[a-z_]{1,40}$/);

export const OpenRoundSchema = z.object({
  intent: z.literal("open"),
  kind: z.enum(ROUND_KINDS),
  quarter: z.string().trim().toUpperCase().regex(QUARTER_PATTERN, "rounds.error.quarter"),
  // A checkbox: present when ticked.
  requireEvidence: z
    .string()
    .optional()
    .transform((value) => value !== undefined && value !== "" && value !== "false"),
  clientId: IdSchema.optional(),
});
export type OpenRoundInput = Omit<z.infer<typeof OpenRoundSchema>, "intent">;

/** `score:<item>` and `evidence:<item>` fields; an item whose score is blank is not saved. */
export const SaveScoresSchema = z.preprocess(
  (fields) => {
    if (typeof fields !== "object" || fields === null) return fields;
    const record = fields as Record<string, unknown>;
    const evidence = byItem(record, EVIDENCE_FIELD);
    const scores = Object.entries(byItem(record, SCORE_FIELD))
      .filter(([, score]) => typeof score === "string" && score.trim() !== "")
      .map(([item, score]) => ({ item, score, evidence: evidence[item] ?? "" }));
    return { ...record, scores };
  },
  z.object({
    intent: z.literal("score"),
    roundId: IdSchema,
    scores: z
      .array(
        z.object({
          item: itemName,
          score: wholeNumber,
          evidence: z.string().trim().max(MAX_EVIDENCE_LENGTH, "rounds.error.evidenceTooLong"),
        }),
      )
      .min(1, "rounds.error.noScores")
      .max(20),
  }),
);
export type ScoreInput = z.infer<typeof SaveScoresSchema>["scores"][number];

/** `target:<item>` fields; a blank one clears that item's target. */
export const SetTargetsSchema = z.preprocess(
  (fields) => {
    if (typeof fields !== "object" || fields === null) return fields;
    const record = fields as Record<string, unknown>;
    const targets = Object.entries(byItem(record, TARGET_FIELD))
      .filter(([, level]) => typeof level === "string" && level.trim() !== "")
      .map(([item, level]) => ({ item, level }));
    return { ...record, targets };
  },
  z.object({
    intent: z.literal("targets"),
    roundId: IdSchema,
    targets: z.array(z.object({ item: itemName, level: wholeNumber })).max(20),
  }),
);
export type TargetInput = z.infer<typeof SetTargetsSchema>["targets"][number];

export const RevealRoundSchema = z.object({ intent: z.literal("reveal"), roundId: IdSchema });
