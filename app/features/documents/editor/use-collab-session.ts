import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { CollabSession } from "~/features/documents/collab/provider.client";

/**
 * Opens the document's collab session in the browser only (the provider needs
 * WebSocket and window) and closes it when the page goes away.
 */
export function useCollabSession(documentId: string): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  const userId = useRouteLoaderData<{ user: { id: string } | null }>("root")?.user?.id ?? "anonymous";
  useEffect(() => {
    let active: CollabSession | null = null;
    let cancelled = false;
    void import("~/features/documents/collab/provider.client").then(({ openCollabSession }) => {
      if (cancelled) return;
      active = openCollabSession(documentId, userId);
      setSession(active);
    });
    return () => {
      cancelled = true;
      active?.destroy();
      setSession(null);
    };
  }, [documentId, userId]);
  return session;
}
