/** The events an endpoint may subscribe to; `ping` is only ever sent by the "send test event" button. */
export const WEBHOOK_EVENTS = [
  "approval.completed",
  "approval.rejected",
  "review.summary_frozen",
  "action_item.overdue",
  "right.broken",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type SentEvent = WebhookEvent | "ping";

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The events stored on an endpoint (a JSON array), without any a later version stopped sending. */
export function parseEvents(stored: string): WebhookEvent[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? WEBHOOK_EVENTS.filter((event) => value.includes(event)) : [];
  } catch {
    return [];
  }
}
