import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/i18n";

/** Joins and leaves within this window are told in one announcement. */
const GATHER_MS = 2000;

/**
 * Tells screen reader users who joined or left, politely and sparingly: changes
 * are gathered for a moment and said once, and the people already here when
 * the page opened (the first moment's arrivals, oneself among them) are not
 * announced: the labelled list beside it names them.
 */
export function PresenceAnnouncer({ people }: { people: { userId: string; name: string }[] }) {
  const t = useT();
  const [message, setMessage] = useState("");
  const known = useRef<Map<string, string> | null>(null);
  const pending = useRef<{ joined: Map<string, string>; left: Map<string, string> }>({
    joined: new Map(),
    left: new Map(),
  });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const openedAt = useRef(0);
  const key = people
    .map((person) => person.userId)
    .sort()
    .join();

  useEffect(() => {
    const now = new Map(people.map((person) => [person.userId, person.name]));
    const before = known.current;
    known.current = now;
    if (!before) openedAt.current = Date.now();
    if (!before || Date.now() - openedAt.current < GATHER_MS) return;
    const { joined, left } = pending.current;
    for (const [id, name] of now) {
      if (before.has(id)) continue;
      // Left and came back within the window: nothing to say.
      if (!left.delete(id)) joined.set(id, name);
    }
    for (const [id, name] of before) {
      if (now.has(id)) continue;
      if (!joined.delete(id)) left.set(id, name);
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const parts = [
        ...[...joined.values()].map((name) => t("presence.joined", { name })),
        ...[...left.values()].map((name) => t("presence.left", { name })),
      ];
      joined.clear();
      left.clear();
      if (parts.length > 0) setMessage(parts.join(" "));
    }, GATHER_MS);
    // `key` says when the set of people changed; `people` is a new array on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="presence-announcer">
      {message}
    </p>
  );
}
