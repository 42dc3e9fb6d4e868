import type { Prisma } from "@prisma/client";

/**
 * Columns whose values let whoever reads them act as someone else: a password
 * hash can be cracked offline, and a session id is what the signed cookie
 * carries. Prisma leaves them out of every query result (the client's global
 * `omit`, `db.server.ts`), so a loader that returns a whole row, or a row with
 * its relations, cannot send one by accident. Code that needs one asks for it
 * by name (`select`, or `omit: { column: false }`), which stands out in review.
 *
 * `server/http/no-secrets.test.ts` reads every value of every column listed
 * here and fails if any page, loader data or hub event holds one: a new secret
 * column (an API token's hash, a reset token) belongs in this list.
 */
export const SECRET_COLUMNS = {
  user: { passwordHash: true },
  session: { id: true },
  apiToken: { tokenHash: true },
  invitation: { tokenHash: true },
  passwordReset: { tokenHash: true },
  /** Signs webhook deliveries: shown once to the admin who registers the endpoint. */
  webhook: { secret: true },
} as const satisfies Prisma.GlobalOmitConfig;
