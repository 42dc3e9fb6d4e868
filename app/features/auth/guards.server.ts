import type { AppLoadContext } from "@remix-run/node";
import { accountAccess, type AccountAccess } from "./permissions.server";
import { requireUser, type SessionUser } from "./session.server";

/** Throws a Response unless `condition` holds (Epic's invariantResponse). */
export function invariantResponse(condition: unknown, message: string, status: number): asserts condition {
  if (!condition) throw new Response(message, { status });
}

/**
 * The signed-in user and their access to the account; 403 for anyone not on
 * the team (and not an executive or admin). Every account route starts here.
 */
export async function requireAccountAccess(
  request: Request,
  context: AppLoadContext,
  accountId: string,
  need: "read" | "edit" = "read",
): Promise<{ user: SessionUser; access: AccountAccess }> {
  const user = await requireUser(request, context);
  const access = await accountAccess(context.db, user, accountId);
  invariantResponse(need === "read" ? access.canRead : access.canEdit, "Forbidden", 403);
  return { user, access };
}
