import { z } from "zod";
import { ClientIdSchema } from "~/shared/client-id";
import { IdSchema } from "~/shared/id";
import { CAPABILITY_ELEMENTS } from "~/features/scoring-rounds/rounds";

/** "Create action item" beside a gap: the title is made on the server from the revealed result. */
export const GapActionSchema = z.object({
  intent: z.literal("gap-action"),
  roundId: IdSchema,
  item: z.enum(CAPABILITY_ELEMENTS),
  clientId: ClientIdSchema,
});
