import { z } from "zod";

export const NotificationIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.object({ intent: z.literal("read-all") }),
]);
