import type { Db } from "~/utils/db.server";
import type { NewAccount } from "./new-account.schema";

export type NewAccountError = "owner-unknown" | "owner-inactive" | "owner-no-department" | "name-taken";

/** The owner a new account would get, or why it cannot: they lead its team, in their own department. */
export async function resolveOwner(
  db: Db,
  email: string,
): Promise<{ ok: true; userId: string; departmentId: string } | { ok: false; error: NewAccountError }> {
  const owner = await db.user.findUnique({ where: { email }, select: { id: true, active: true, departmentId: true } });
  if (!owner) return { ok: false, error: "owner-unknown" };
  if (!owner.active) return { ok: false, error: "owner-inactive" };
  if (!owner.departmentId) return { ok: false, error: "owner-no-department" };
  return { ok: true, userId: owner.id, departmentId: owner.departmentId };
}

/** Whether an account (archived or not) already has this name, ignoring case. */
export async function accountNameTaken(db: Db, name: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS n FROM "Account" WHERE lower(name) = lower(${name})`;
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Creates accounts with their owners as leads, all or none: one transaction,
 * checked again inside it so a name taken meanwhile fails the whole batch.
 * Callers validate first (NewAccountSchema, resolveOwner) to show every error
 * at once; this refuses what changed since.
 */
export async function createAccounts(
  db: Db,
  accounts: readonly NewAccount[],
): Promise<{ ok: true; ids: string[] } | { ok: false; index: number; error: NewAccountError }> {
  try {
    const ids = await db.$transaction(async (tx) => {
      const created: string[] = [];
      for (const [index, input] of accounts.entries()) {
        const owner = await resolveOwner(tx as Db, input.ownerEmail);
        // Thrown, not returned: only a throw rolls back the accounts made before it.
        if (!owner.ok) throw new Refused(index, owner.error);
        if (await accountNameTaken(tx as Db, input.name)) throw new Refused(index, "name-taken");
        const account = await tx.account.create({
          data: {
            name: input.name,
            industry: input.industry,
            tier: input.tier,
            ladderStage: input.ladderStage,
            lifecycleStage: input.lifecycleStage,
            members: { create: { userId: owner.userId, departmentId: owner.departmentId, role: "lead" } },
          },
          select: { id: true },
        });
        created.push(account.id);
      }
      return created;
    });
    return { ok: true, ids };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, index: error.index, error: error.reason };
    throw error;
  }
}

class Refused extends Error {
  constructor(
    readonly index: number,
    readonly reason: NewAccountError,
  ) {
    super(reason);
  }
}
