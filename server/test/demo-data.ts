import type { Db } from "~/utils/db.server";

export const NORTHWIND = "Northwind Rail Systems";
export const HUADONG = "华东精密机械";

/** The id of a seeded demo document, by account name and kind. */
export async function demoDocId(db: Db, accountName: string, kind = "roadmap"): Promise<string> {
  const doc = await db.document.findFirstOrThrow({
    where: { kind, account: { name: accountName } },
    select: { id: true },
  });
  return doc.id;
}

export async function demoAccountId(db: Db, accountName: string): Promise<string> {
  const account = await db.account.findFirstOrThrow({ where: { name: accountName }, select: { id: true } });
  return account.id;
}
