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

/** Demo user ids by handle (the email's local part: "lead", "sales", …). */
export async function demoUserIds(db: Db): Promise<Record<string, string>> {
  const users = await db.user.findMany({ select: { id: true, email: true } });
  return Object.fromEntries(users.map((user) => [user.email.split("@")[0], user.id]));
}
