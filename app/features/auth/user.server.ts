import type { Db } from "~/utils/db.server";
import { verifyPassword } from "~/features/auth/password.server";

/**
 * The active user with this email and password, or null (same answer for every
 * failure). The one place that reads a password hash (it is omitted from every
 * other query, see secret-columns.server.ts), and it does not return it.
 */
export async function verifyLogin(db: Db, email: string, password: string) {
  const found = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!found || !found.active) return null;
  const { passwordHash, ...user } = found;
  return (await verifyPassword(password, passwordHash)) ? user : null;
}

export async function setUserLocale(db: Db, userId: string, locale: string) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}
