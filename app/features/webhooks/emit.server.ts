// Queues webhook deliveries for an event; the dispatcher (dispatcher.server.ts) sends them.
import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/after-commit.server";
import { parseEvents, type SentEvent, type WebhookEvent } from "./webhook-events";

export interface EmitContext {
  db: Db;
  /** Links in payloads are absolute when the workspace's address is configured, else paths. */
  publicUrl?: string;
}

/** The JSON body every attempt of a delivery sends. Never a secret: ids, names and links. */
export function deliveryPayload(event: SentEvent, data: Record<string, unknown>, now = new Date()): string {
  return JSON.stringify({ id: `evt_${randomUUID()}`, event, createdAt: now.toISOString(), data });
}

export function linkTo(context: Pick<EmitContext, "publicUrl">, path: string): string {
  return context.publicUrl ? new URL(path, context.publicUrl).toString() : path;
}

/** The active endpoints subscribed to `event`. */
export async function subscribers(db: Db, event: WebhookEvent) {
  const hooks = await db.webhook.findMany({
    where: { active: true },
    select: { id: true, events: true, createdAt: true },
  });
  return hooks.filter((hook) => parseEvents(hook.events).includes(event));
}

/**
 * One pending delivery of `event` per subscribed endpoint, all with the same
 * event id. Callers run it after their write committed (`afterCommit`), so a
 * failure here never undoes or fails what happened.
 */
export async function emitWebhookEvent(
  context: EmitContext,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<number> {
  const hooks = await subscribers(context.db, event);
  if (hooks.length === 0) return 0;
  const payload = deliveryPayload(event, data);
  await context.db.webhookDelivery.createMany({
    data: hooks.map((hook) => ({ webhookId: hook.id, event, payload })),
  });
  return hooks.length;
}

/**
 * Queues a delivery under an id made from what it announces, so the same fact
 * is announced once per endpoint however many scans or processes see it.
 * Returns false when it was queued before.
 */
export async function emitOnce(
  db: Db,
  deliveryId: string,
  webhookId: string,
  event: WebhookEvent,
  payload: string,
): Promise<boolean> {
  try {
    await db.webhookDelivery.create({ data: { id: deliveryId, webhookId, event, payload }, select: { id: true } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
