/**
 * The collaboration server's limits. The server takes them as an option
 * (`CollabOptions.limits`); these are the defaults, and the configuration
 * overrides the per-connection update rate (COLLAB_UPDATES_PER_SECOND / _BURST).
 */
export const DEFAULT_COLLAB_LIMITS = {
  /** Largest single WebSocket message on /collab (bytes); bigger closes with 1009. */
  maxCollabMessageBytes: 4 * 1024 * 1024,
  /** Largest awareness update (bytes): cursors and names are tiny. */
  maxAwarenessBytes: 16 * 1024,
  /**
   * Largest document (bytes): its encoded state, measured at compaction and
   * again before an edit is refused, plus the updates accepted since.
   */
  maxDocumentBytes: 32 * 1024 * 1024,
  /**
   * What may wait to be sent to one client that does not read (bytes), on top
   * of the message being sent: more than a whole document, so the next edit
   * after a big first sync still goes out. Past it the client is closed with
   * 1013 and resyncs when it reconnects; memory stays bounded.
   */
  maxUnsentBytes: 48 * 1024 * 1024,
  /** Document messages per second per connection, sustained, and the burst allowed. */
  updatesPerSecond: 50,
  updateBurst: 300,
  /** A user's document messages over all their connections: this many times the per-connection limit. */
  userUpdateMultiple: 3,
  /**
   * Document messages over the budget wait in a queue (and the socket is not
   * read meanwhile) instead of closing the connection. The queue may hold this
   * many seconds of the connection's sustained rate, and this many bytes;
   * beyond that the client is flooding, not pasting, and is closed with 4429.
   */
  updateBacklogSeconds: 20,
  maxUpdateBacklogBytes: 8 * 1024 * 1024,
  /**
   * Messages that arrive while a document loads wait for it: per connection,
   * and over all connections of the server. Past either bound the connection
   * is closed with 1013 (try again later).
   */
  maxLoadingMessages: 256,
  maxLoadingBytes: 8 * 1024 * 1024,
  maxLoadingMessagesTotal: 2048,
  maxLoadingBytesTotal: 64 * 1024 * 1024,
  /** Changes to a connection's own awareness state per second, sustained, and the burst allowed. */
  awarenessPerSecond: 30,
  awarenessBurst: 120,
  /**
   * All awareness messages per connection. The official provider relays every
   * awareness change it hears back to the server, so in a room of N people a
   * client sends about N messages when the room fills; those are dropped, and
   * only this looser bound applies to them.
   */
  awarenessRelaysPerSecond: 1000,
  awarenessRelayBurst: 2000,
} as const;

export type CollabLimits = { readonly [K in keyof typeof DEFAULT_COLLAB_LIMITS]: number };
