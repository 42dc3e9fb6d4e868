// action_item.overdue: nothing happens when a due date passes, so the server looks every minute.
import { OPEN_STATUSES } from "~/features/action-items/action-item.schema";
import { deliveryPayload, emitOnce, linkTo, subscribers, type EmitContext } from "./emit.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Items looked at per scan, earliest due first; the next scan takes the rest. */
const SCAN_BATCH = 500;

/** The delivery announcing an item to an endpoint: its id is the memory that it was announced. */
export const overdueDeliveryId = (itemId: string, webhookId: string) => `overdue-${itemId}-${webhookId}`;

/**
 * Queues `action_item.overdue` once per open item past its due date (due
 * dates are UTC days: an item is overdue from the day after) and endpoint.
 * An endpoint hears of items that became overdue, or were created overdue,
 * after it was registered, not of the whole backlog.
 */
export async function announceOverdueActions(context: EmitContext, now = new Date()): Promise<number> {
  const hooks = await subscribers(context.db, "action_item.overdue");
  if (hooks.length === 0) return 0;
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const firstHook = new Date(Math.min(...hooks.map((hook) => hook.createdAt.getTime())));
  const items = await context.db.actionItem.findMany({
    where: {
      status: { in: [...OPEN_STATUSES] },
      dueDate: { lt: today },
      OR: [{ dueDate: { gt: new Date(firstHook.getTime() - DAY_MS) } }, { createdAt: { gte: firstHook } }],
    },
    orderBy: { dueDate: "asc" },
    take: SCAN_BATCH,
    select: {
      id: true,
      title: true,
      status: true,
      dueDate: true,
      createdAt: true,
      accountId: true,
      account: { select: { name: true } },
      assignee: { select: { id: true, name: true } },
    },
  });
  const wanted = items.flatMap((item) =>
    hooks
      .filter((hook) => item.dueDate!.getTime() + DAY_MS > hook.createdAt.getTime() || item.createdAt >= hook.createdAt)
      .map((hook) => ({ item, hook, id: overdueDeliveryId(item.id, hook.id) })),
  );
  if (wanted.length === 0) return 0;
  const queued = await context.db.webhookDelivery.findMany({
    where: { id: { in: wanted.map((w) => w.id) } },
    select: { id: true },
  });
  const done = new Set(queued.map((row) => row.id));
  let count = 0;
  for (const { item, hook, id } of wanted) {
    if (done.has(id)) continue;
    const payload = deliveryPayload("action_item.overdue", {
      actionItem: {
        id: item.id,
        title: item.title,
        status: item.status,
        dueDate: item.dueDate!.toISOString().slice(0, 10),
        link: linkTo(context, `/accounts/${item.accountId}/actions`),
      },
      account: { id: item.accountId, name: item.account.name, link: linkTo(context, `/accounts/${item.accountId}`) },
      assignee: item.assignee,
    });
    // Another process's scan may have queued it meanwhile: then this one is skipped.
    if (await emitOnce(context.db, id, hook.id, "action_item.overdue", payload)) count++;
  }
  return count;
}
