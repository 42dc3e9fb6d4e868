import { Prisma } from "@prisma/client";
import { log } from "../../server/lib/logger";

type Context = Record<string, unknown>;

function report(what: string, context: Context, error: unknown): void {
  log.error(what, { ...context, error: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs what follows a committed write (feed entry, notifications, hub pushes).
 * Its failure is logged, never thrown: the write stands, so the user must be
 * told it was saved, and clients that missed a push reload from the database.
 */
export async function afterCommit(what: string, context: Context, work: () => unknown): Promise<void> {
  try {
    await work();
  } catch (error) {
    report(what, context, error);
  }
}

/**
 * Starts work nobody waits for (presence, a push) so that neither a thrown
 * error nor a rejected promise escapes: with a cluster adapter either can
 * happen, and an unhandled rejection would take the process down.
 */
export function inBackground(what: string, context: Context, work: () => unknown): void {
  try {
    Promise.resolve(work()).catch((error: unknown) => report(what, context, error));
  } catch (error) {
    report(what, context, error);
  }
}

/** The row with this unique key was created meanwhile (two identical submits at once). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
