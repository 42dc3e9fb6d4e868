import type { AppLoadContext } from "@remix-run/node";
import { accountAccess, type AccountAccess } from "./permissions.server";
import { requireUser, type SessionUser } from "./session.server";

/** Throws a Response unless `condition` holds (Epic's invariantResponse). */
export function invariantResponse(condition: unknown, message: string, status: number): asserts condition {
  if (!condition) throw new Response(message, { status });
}

/**
 * The signed-in user and their access to the account. Someone who may not
 * read it (not on the team, not an executive or admin) gets 404, the answer an
 * unknown account gets, so an id reveals nothing about whether it exists; a
 * reader who may not edit gets 403. Every account route starts here.
 */
export async function requireAccountAccess(
  request: Request,
  context: AppLoadContext,
  accountId: string,
  need: "read" | "edit" = "read",
): Promise<{ user: SessionUser; access: AccountAccess }> {
  const user = await requireUser(request, context);
  const access = await accountAccess(context.db, user, accountId);
  invariantResponse(access.canRead, "Not found", 404);
  invariantResponse(need === "read" || access.canEdit, "Forbidden", 403);
  return { user, access };
}

/** The signed-in workspace admin; anyone else gets 404, as if the admin pages did not exist. */
export async function requireAdmin(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireUser(request, context);
  invariantResponse(user.workspaceRole === "admin", "Not found", 404);
  return user;
}
