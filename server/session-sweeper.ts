import type { Db } from "~/utils/db.server";
import type { LiveConnections } from "~/utils/services.server";
import { SESSION_IDLE_MS } from "~/features/auth/session.server";
import { log } from "./lib/logger";

/**
 * Ends sessions that expired or sat idle: their rows go, and so do their live
 * collab and hub connections, which would otherwise outlive the session that
 * opened them.
 */
export function startSessionSweeper(db: Db, live: Pick<LiveConnections, "closeSession">, everyMs = 60_000) {
  const sweep = async () => {
    const now = Date.now();
    const ended = await db.session.findMany({
      where: {
        OR: [
          { expiresAt: { lt: new Date(now) } },
          { lastSeenAt: { lt: new Date(now - SESSION_IDLE_MS) } },
          { user: { active: false } },
        ],
      },
      select: { id: true },
    });
    if (ended.length === 0) return;
    for (const { id } of ended) live.closeSession(id);
    await db.session.deleteMany({ where: { id: { in: ended.map((s) => s.id) } } });
    log.info("sessions ended", { count: ended.length });
  };
  const timer = setInterval(
    () => void sweep().catch((error: unknown) => log.error("session sweep failed", { error: String(error) })),
    everyMs,
  );
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
