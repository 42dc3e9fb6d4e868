import type { Db } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";

/** The active user with this email and password, or null (same answer for every failure). */
export async function verifyLogin(db: Db, email: string, password: string) {
  const user = await db.user.findUnique({ where: { email } });
  if (!user || !user.active) return null;
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

export async function setUserLocale(db: Db, userId: string, locale: string) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}
