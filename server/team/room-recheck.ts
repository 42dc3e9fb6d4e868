import type { Db } from "~/utils/db.server";
import { accountAccess } from "~/features/auth/permissions.server";
import { log } from "../lib/logger";
import { isPresenceRoom } from "./presence";

/**
 * The part of a hub socket a recheck reads and changes. Declared here rather
 * than imported from the hub, which calls this module.
 */
export interface RecheckedSocket {
  rooms: Set<string>;
  data: { docAccounts: Record<string, string>; sections: Record<string, unknown> };
  leave(room: string): Promise<void> | void;
}

type Reader = { id: string; workspaceRole: string };

/**
 * The rooms among `rooms` this user may not be in, by the same access check
 * as a join. `own` are the rooms that are the socket's by who it is (its id,
 * its user, its session); `docAccounts` the accounts of documents already
 * known (and filled in here).
 */
export async function forbiddenRooms(
  db: Db,
  user: Reader,
  rooms: Iterable<string>,
  own: readonly string[],
  docAccounts: Record<string, string>,
): Promise<string[]> {
  const readable = new Map<string, boolean>();
  const forbidden: string[] = [];
  for (const room of rooms) {
    if (own.includes(room)) continue;
    const accountId = isPresenceRoom(room) ? await accountOfRoom(db, room, docAccounts) : undefined;
    let allowed = accountId ? readable.get(accountId) : false;
    if (allowed === undefined && accountId) {
      allowed = (await accountAccess(db, user, accountId)).canRead;
      readable.set(accountId, allowed);
    }
    if (!allowed) forbidden.push(room);
  }
  return forbidden;
}

/**
 * Leaves every room the socket may no longer be in: for a socket whose rooms
 * came back from Redis (connection-state recovery restores them without
 * asking), and for every socket of a node that was cut off from the others
 * while a removal was stored elsewhere. Resolves to the presence rooms it left.
 */
export async function leaveForbiddenRooms(
  db: Db,
  socket: RecheckedSocket,
  user: Reader,
  own: readonly string[],
): Promise<string[]> {
  const left: string[] = [];
  for (const room of await forbiddenRooms(db, user, [...socket.rooms], own, socket.data.docAccounts)) {
    log.info("hub: room left after a recheck", { userId: user.id, room });
    await socket.leave(room);
    if (room.startsWith("document:")) {
      const documentId = room.slice("document:".length);
      delete socket.data.docAccounts[documentId];
      delete socket.data.sections[documentId];
    }
    if (isPresenceRoom(room)) left.push(room);
  }
  return left;
}

async function accountOfRoom(db: Db, room: string, docAccounts: Record<string, string>): Promise<string | undefined> {
  const [scope, id] = room.split(":") as [string, string];
  if (scope === "account") return id;
  if (scope === "document") {
    const known = docAccounts[id];
    if (known) return known;
    const document = await db.document.findUnique({ where: { id }, select: { accountId: true } });
    if (document) docAccounts[id] = document.accountId;
    return document?.accountId;
  }
  const review = await db.review.findUnique({ where: { id }, select: { accountId: true } });
  return review?.accountId;
}
