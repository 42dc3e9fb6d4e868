import { useCallback, useEffect, useState } from "react";
import { useHub } from "~/hub/hub-context";
import type { HubError, PresencePayload } from "~/shared/hub";
import type { ReviewStatePayload } from "~/features/reviews/review";

export interface ReviewRoom {
  /** Where the review is, as the server last said; null until it answers. */
  state: ReviewStatePayload | null;
  /** Server clock minus this browser's, so every screen shows the same timer. */
  clockOffsetMs: number;
  presence: PresencePayload | null;
  /** Why joining (or the last move) was refused. */
  error: HubError | null;
  /** The lead moves everyone to an agenda item. */
  go: (itemId: string) => void;
}

/**
 * Follows a review over the team hub while mounted: joins its room (again
 * after every reconnect, which also records attendance once it is live) and
 * keeps the latest state the server pushed.
 */
export function useReviewRoom(reviewId: string, status: string): ReviewRoom {
  const { socket } = useHub();
  const [state, setState] = useState<ReviewStatePayload | null>(null);
  const [clockOffsetMs, setOffset] = useState(0);
  const [presence, setPresence] = useState<PresencePayload | null>(null);
  const [error, setError] = useState<HubError | null>(null);

  const accept = useCallback((next: ReviewStatePayload) => {
    setOffset(Date.parse(next.serverNow) - Date.now());
    setState(next);
  }, []);

  useEffect(() => {
    if (!socket) return;
    const join = () =>
      socket.emit("review:join", { reviewId }, (answer) => {
        if (!answer.ok) return setError(answer.error);
        setError(null);
        accept(answer.state);
        setPresence(answer.presence);
      });
    const onState = (next: ReviewStatePayload) => {
      if (next.reviewId === reviewId) accept(next);
    };
    const onPresence = (payload: PresencePayload) => {
      if (payload.scope === "review" && payload.id === reviewId) setPresence(payload);
    };
    socket.on("review:state", onState);
    socket.on("presence", onPresence);
    socket.on("connect", join);
    if (socket.connected) join();
    return () => {
      socket.off("review:state", onState);
      socket.off("presence", onPresence);
      socket.off("connect", join);
      socket.emit("review:leave", { reviewId }, () => {});
    };
    // Joining again when the review goes live is what takes the attendance of those already waiting.
  }, [socket, reviewId, status, accept]);

  const go = useCallback(
    (itemId: string) => {
      socket?.emit("review:go", { reviewId, itemId }, (answer) => {
        if (answer.ok) accept(answer.state);
        else setError(answer.error);
      });
    },
    [socket, reviewId, accept],
  );

  return { state, clockOffsetMs, presence, error, go };
}
