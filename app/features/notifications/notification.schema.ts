import { z } from "zod";
import { IdSchema } from "~/shared/id";

export const NotificationIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: IdSchema }),
  z.object({ intent: z.literal("read-all") }),
]);
