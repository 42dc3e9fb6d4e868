import { accountAccess, documentAccess, type AccountAccess } from "~/features/auth/permissions.server";
import { ApiError, notFound } from "./api-error.server";
import type { ApiContext } from "./operation.server";

const cannotEdit = () => new ApiError(403, "forbidden", "Your role on this account is read-only");

/**
 * The account's access for the token's user, as the pages decide it: an
 * account they may not see is answered like one that does not exist (404),
 * one they may only read refuses writes (403).
 */
export async function requireAccount(
  { services, user }: ApiContext,
  accountId: string,
  need: "read" | "edit" = "read",
): Promise<AccountAccess> {
  const exists = await services.db.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!exists) throw notFound();
  const access = await accountAccess(services.db, user, accountId);
  if (!access.canRead) throw notFound();
  if (need === "edit" && !access.canEdit) throw cannotEdit();
  return access;
}

/** The document's account and access; 404 for a document the user may not see. */
export async function requireDocument(
  { services, user }: ApiContext,
  documentId: string,
  need: "read" | "edit" = "read",
) {
  const found = await documentAccess(services.db, user, documentId);
  if (!found || !found.access.canRead) throw notFound();
  if (need === "edit" && !found.access.canEdit) throw cannotEdit();
  return found;
}
