import { useEffect, useState } from "react";
import type { CollabSession } from "~/features/documents/collab/provider.client";
import { NEUTRAL_COLOR } from "~/shared/member-color";

export interface PresentUser {
  userId: string;
  name: string;
  color: string;
  isMe: boolean;
}

/** People in this document now, one entry per person (several tabs count once). */
export function usePresence(session: CollabSession | null): PresentUser[] {
  const [people, setPeople] = useState<PresentUser[]>([]);
  useEffect(() => {
    if (!session) return;
    const { awareness } = session.provider;
    const update = () => {
      const byUser = new Map<string, PresentUser>();
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: Partial<PresentUser> & { userId?: string } }).user;
        const isMe = clientId === awareness.clientID;
        const key = user?.userId ?? (isMe ? "me" : String(clientId));
        if (!user?.name) continue;
        const known = byUser.get(key);
        byUser.set(key, {
          userId: key,
          name: user.name,
          color: user.color ?? NEUTRAL_COLOR,
          isMe: isMe || (known?.isMe ?? false),
        });
      }
      setPeople([...byUser.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe)));
    };
    awareness.on("change", update);
    update();
    return () => awareness.off("change", update);
  }, [session]);
  return people;
}
