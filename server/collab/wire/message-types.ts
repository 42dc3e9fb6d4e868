/* Shared by the collab server and the browser's provider, so both read one wire format. */

/** y-websocket message types (the wire protocol of the official provider). */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /**
   * Keyroom extension: "your updates are stored". Sent only to clients that
   * ask for it (`?acks=1`), so the official provider without the handler never
   * sees an unknown message type.
   */
  Ack: 100,
} as const;
