import { z } from "zod";
import { ClientIdSchema } from "~/shared/client-id";
import { IdSchema } from "~/shared/id";

export const VersionIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save-version"), name: z.string().trim().min(1).max(120), clientId: ClientIdSchema }),
  z.object({ intent: z.literal("restore-version"), versionId: IdSchema }),
]);

/** What the versions page shows: one version read-only, or a comparison ("now" is the live document). */
export const VersionQuerySchema = z.object({
  view: IdSchema.optional().catch(undefined),
  from: z
    .union([IdSchema, z.literal("now")])
    .optional()
    .catch(undefined),
  to: z
    .union([IdSchema, z.literal("now")])
    .optional()
    .catch(undefined),
});
