import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { SessionUser } from "~/features/auth/session.server";
import { noteAudit, skipAudit } from "~/features/audit/audit-scope.server";
import { formFields } from "~/utils/form.server";
import { WebhookIntentSchema, type WebhookFieldErrors, type WebhookReply } from "./webhook.schema";
import {
  createWebhook,
  deleteWebhook,
  pingWebhook,
  redeliver,
  rotateWebhookSecret,
  setWebhookActive,
} from "./webhooks.server";

const reply = (body: WebhookReply, status = 200) => json<WebhookReply>(body, { status });

/** The admin page's forms; a secret appears in an answer only right after it is made. */
export async function webhookAction(request: Request, context: AppLoadContext, user: SessionUser) {
  const fields = await formFields(request, { lists: ["events"] });
  const parsed = WebhookIntentSchema.safeParse(fields);
  const intent = typeof fields.intent === "string" ? fields.intent : "";
  if (!parsed.success) {
    skipAudit();
    const fieldErrors: WebhookFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "url")
        fieldErrors.url = `integrations.webhooks.error.url.${issue.message === "scheme" ? "scheme" : "invalid"}`;
      if (field === "events") fieldErrors.events = "integrations.webhooks.error.events";
      if (field === "description") fieldErrors.description = "integrations.webhooks.error.description";
    }
    return reply({ ok: false, intent, webhookId: null, fieldErrors, error: "invalid" }, 400);
  }
  const input = parsed.data;
  const { db } = context;
  if (input.intent === "create") {
    const { url, events, description } = input;
    const made = await createWebhook(db, { url, events, description, createdById: user.id });
    // The host only: some receivers put a token of their own in the URL's path or query.
    noteAudit({ objectType: "webhook", objectId: made.id, detail: { host: new URL(url).host } });
    return reply({ ok: true, intent: input.intent, webhookId: made.id, secret: made.secret });
  }
  const id = input.webhookId;
  let done: boolean;
  let secret: string | null = null;
  switch (input.intent) {
    case "enable":
    case "disable":
      done = await setWebhookActive(db, id, input.intent === "enable");
      break;
    case "rotate":
      secret = await rotateWebhookSecret(db, id);
      done = secret !== null;
      break;
    case "delete":
      done = await deleteWebhook(db, id);
      break;
    case "ping":
      done = await pingWebhook(db, id);
      break;
    case "redeliver":
      done = await redeliver(db, id, input.deliveryId);
      break;
  }
  if (!done) {
    skipAudit();
    return reply({ ok: false, intent: input.intent, webhookId: id, fieldErrors: {}, error: "gone" }, 404);
  }
  noteAudit({ objectType: "webhook", objectId: id });
  return reply({ ok: true, intent: input.intent, webhookId: id, secret });
}
