import { z } from "zod";
import { Limits } from "~/shared/limits";
import { ClientIdSchema } from "~/shared/client-id";
import { IdSchema } from "~/shared/id";

const id = IdSchema;
const body = z.string().trim().min(1).max(Limits.maxCommentChars);
// base64 of an encoded Yjs relative position.
const anchor = z
  .string()
  .regex(/^[A-Za-z0-9+/]+=*$/)
  .max(Math.ceil(Limits.maxAnchorBytes / 3) * 4);

export const CommentIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("comment-start"),
    anchorStart: anchor,
    anchorEnd: anchor,
    quote: z.string().trim().min(1).max(500),
    body,
    clientId: ClientIdSchema,
  }),
  z.object({ intent: z.literal("comment-reply"), threadId: id, body, clientId: ClientIdSchema }),
  z.object({ intent: z.literal("comment-edit"), commentId: id, body }),
  z.object({ intent: z.literal("comment-resolve"), threadId: id }),
  z.object({ intent: z.literal("comment-reopen"), threadId: id }),
]);
export type CommentIntent = z.infer<typeof CommentIntentSchema>;
