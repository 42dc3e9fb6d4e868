import { z } from "zod";
import { CurrencySchema } from "~/shared/currency";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";

const note = z.string().trim().max(300).default("");

/** A stage change: the value must belong to the field's own vocabulary. */
export const StageChangeSchema = z.discriminatedUnion("field", [
  z.object({ intent: z.literal("change-stage"), field: z.literal("tier"), value: z.enum(TIERS), note }),
  z.object({ intent: z.literal("change-stage"), field: z.literal("ladderStage"), value: z.enum(LADDER_STAGES), note }),
  z.object({
    intent: z.literal("change-stage"),
    field: z.literal("lifecycleStage"),
    value: z.enum(LIFECYCLE_STAGES),
    note,
  }),
]);
export type StageChangeInput = z.infer<typeof StageChangeSchema>;

/** The lead sets the currency the account's money figures are shown in (ISO 4217). */
export const CurrencyChangeSchema = z.object({ intent: z.literal("set-currency"), currency: CurrencySchema });
