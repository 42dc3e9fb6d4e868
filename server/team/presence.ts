import type { PresencePayload, PresenceScope, PresentUser } from "~/shared/hub";

/**
 * The part of a hub socket that presence reads. Declared here rather than
 * imported from the hub, which calls this module: the hub's socket data fits
 * it as it stands.
 */
export interface PresenceSocket {
  rooms: Set<string>;
  data: {
    user: { id: string; name: string; department: string; color: string };
    docAccounts: Record<string, string>;
    sections: Record<string, { section: string | null; at: number }>;
  };
}

const PRESENCE_SCOPES: readonly string[] = ["account", "document", "review"] satisfies PresenceScope[];

/** Rooms whose presence is shown (not a socket's own room, its user's or its session's). */
export function isPresenceRoom(room: string): boolean {
  return PRESENCE_SCOPES.includes(room.slice(0, room.indexOf(":")));
}

/**
 * Who is in an account or document room, one entry per person however many
 * tabs they have open, sorted by name. For an account room each person lists
 * the account's documents they have open; for a document room, the section
 * their caret is in.
 */
export function presenceOf(room: string, sockets: readonly PresenceSocket[]): PresencePayload {
  const [scope, id] = room.split(":") as [PresenceScope, string];
  const people = new Map<string, PresentUser>();
  const sectionTimes = new Map<string, number>();
  for (const { rooms, data } of sockets) {
    const person = people.get(data.user.id) ?? {
      userId: data.user.id,
      name: data.user.name,
      department: data.user.department,
      color: data.user.color,
      documentIds: [],
      section: null,
    };
    if (scope === "account") {
      for (const [documentId, accountId] of Object.entries(data.docAccounts)) {
        if (accountId === id && rooms.has(`document:${documentId}`) && !person.documentIds.includes(documentId)) {
          person.documentIds.push(documentId);
        }
      }
    } else {
      // With several tabs open, the one that reported a section last tells where the person is.
      const reported = data.sections[id];
      if (reported?.section && reported.at >= (sectionTimes.get(data.user.id) ?? 0)) {
        person.section = reported.section;
        sectionTimes.set(data.user.id, reported.at);
      }
    }
    people.set(data.user.id, person);
  }
  const users = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { scope, id, users };
}
