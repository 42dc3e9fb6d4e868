import { z } from "zod";
import { WEBHOOK_EVENTS } from "./webhook-events";

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Deliveries carry account names and links: they go over TLS, except to a
 * receiver on this machine (tests, a local relay), which may use plain http.
 */
export function urlProblem(value: string): "invalid" | "scheme" | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "invalid";
  }
  if (url.username || url.password) return "invalid";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOCAL_HOSTS.includes(url.hostname)) return null;
  return "scheme";
}

const Id = z.string().min(1).max(64);

export const WebhookIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    url: z
      .string()
      .trim()
      .max(2000)
      .superRefine((value, ctx) => {
        const problem = urlProblem(value);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
    description: z.string().trim().max(200).default(""),
  }),
  z.object({ intent: z.enum(["enable", "disable", "rotate", "delete", "ping"]), webhookId: Id }),
  z.object({ intent: z.literal("redeliver"), webhookId: Id, deliveryId: Id }),
]);
export type WebhookIntent = z.infer<typeof WebhookIntentSchema>;

/** The create form's field errors, named by i18n key suffix. */
export type WebhookFieldErrors = Partial<Record<"url" | "events" | "description", string>>;

/** What the admin page's forms answer; `secret` only right after one was made. */
export type WebhookReply =
  | { ok: true; intent: string; webhookId: string; secret: string | null }
  | { ok: false; intent: string; webhookId: string | null; fieldErrors: WebhookFieldErrors; error: "invalid" | "gone" };
