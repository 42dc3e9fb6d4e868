/**
 * What every admin action answers: success with what the page shows next (a link made once, the
 * changed row), or a refusal whose messages are already in the admin's language, one per field.
 */
export type AdminReply<Extra = object> =
  | ({ ok: true; intent: string } & Partial<Extra>)
  | {
      ok: false;
      intent: string;
      /** The row a per-row form refused, so only that row shows the message. */
      objectId: string | null;
      error: string | null;
      fieldErrors: Record<string, string>;
    };

/** The refusal in a reply for this form (a page has several forms, each with its own intent). */
export function refusalFor(reply: AdminReply | undefined, intent: string, objectId?: string) {
  if (!reply || reply.ok || reply.intent !== intent) return null;
  if (objectId !== undefined && reply.objectId !== objectId) return null;
  return reply;
}
