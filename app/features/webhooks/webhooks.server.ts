// The admin's endpoints: register, disable, rotate the secret, delete, test, redeliver.
import type { Db } from "~/utils/db.server";
import { deliveryPayload } from "./emit.server";
import { newWebhookSecret } from "./signature.server";
import { parseEvents, type DeliveryStatus, type WebhookEvent } from "./webhook-events";

/** Deliveries shown per endpoint on the admin page. */
const RECENT_DELIVERIES = 10;

/** Every endpoint with its recent deliveries, newest first; never the secret. */
export async function listWebhooks(db: Db) {
  const hooks = await db.webhook.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      events: true,
      description: true,
      active: true,
      createdAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: RECENT_DELIVERIES,
        select: {
          id: true,
          event: true,
          status: true,
          attempts: true,
          lastStatusCode: true,
          lastError: true,
          createdAt: true,
          deliveredAt: true,
          nextAttemptAt: true,
        },
      },
    },
  });
  return hooks.map((hook) => ({
    ...hook,
    events: parseEvents(hook.events),
    createdAt: hook.createdAt.toISOString(),
    deliveries: hook.deliveries.map((d) => ({
      ...d,
      status: d.status as DeliveryStatus,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      nextAttemptAt: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    })),
  }));
}
export type WebhookView = Awaited<ReturnType<typeof listWebhooks>>[number];

/** Registers an endpoint; the secret is returned here, once, and never read back by a page. */
export async function createWebhook(
  db: Db,
  input: { url: string; events: WebhookEvent[]; description: string; createdById: string },
): Promise<{ id: string; secret: string }> {
  const secret = newWebhookSecret();
  const hook = await db.webhook.create({
    data: { ...input, events: JSON.stringify([...new Set(input.events)]), secret },
    select: { id: true },
  });
  return { id: hook.id, secret };
}

/** Whether the endpoint exists (and so was changed). */
export async function setWebhookActive(db: Db, id: string, active: boolean): Promise<boolean> {
  const { count } = await db.webhook.updateMany({
    where: { id },
    data: { active, disabledAt: active ? null : new Date() },
  });
  return count === 1;
}

/** A new secret at once: deliveries from now on are signed with it (the old one stops verifying). */
export async function rotateWebhookSecret(db: Db, id: string): Promise<string | null> {
  const secret = newWebhookSecret();
  const { count } = await db.webhook.updateMany({ where: { id }, data: { secret } });
  return count === 1 ? secret : null;
}

/** Deletes the endpoint and its delivery history. */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const { count } = await db.webhook.deleteMany({ where: { id } });
  return count === 1;
}

/** Queues a `ping` to one endpoint, whatever its events, so the admin can check the receiver. */
export async function pingWebhook(db: Db, id: string): Promise<boolean> {
  const hook = await db.webhook.findUnique({ where: { id }, select: { id: true, active: true } });
  if (!hook?.active) return false;
  const payload = deliveryPayload("ping", { webhook: { id } });
  await db.webhookDelivery.create({ data: { webhookId: id, event: "ping", payload }, select: { id: true } });
  return true;
}

/** Sends a failed delivery again (same id, same body) with a fresh set of attempts. */
export async function redeliver(db: Db, webhookId: string, deliveryId: string): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, webhookId, status: "failed", webhook: { active: true } },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null, lastStatusCode: null },
  });
  return count === 1;
}
