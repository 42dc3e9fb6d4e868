/** Limits shared by the server (enforced) and the client (to warn before sending). */
export const Limits = {
  /** Largest HTTP request body (bytes): forms and CSV imports (KPI imports stop at 200 KB). */
  maxHttpBodyBytes: 1024 * 1024,
  /** Largest single WebSocket message on /collab (bytes); bigger closes with 1009. */
  maxCollabMessageBytes: 4 * 1024 * 1024,
  /** Largest awareness update (bytes): cursors and names are tiny. */
  maxAwarenessBytes: 16 * 1024,
  /**
   * Largest document (bytes): its encoded state, measured at compaction and
   * again before an edit is refused, plus the updates accepted since.
   */
  maxDocumentBytes: 32 * 1024 * 1024,
  /** Default document messages per second per connection, sustained, and the burst allowed. */
  updatesPerSecond: 50,
  updateBurst: 300,
  /**
   * A user's document messages over all their connections: this many times the
   * per-connection limit (which COLLAB_UPDATES_PER_SECOND / _BURST configure).
   */
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
  /** Largest socket.io message on the team hub (bytes); bigger disconnects. */
  maxHubMessageBytes: 64 * 1024,
  /** Team hub events per second per socket, sustained, and the burst allowed. */
  hubEventsPerSecond: 20,
  hubEventBurst: 60,
  /** Team hub events per second per user over all their sockets, and the burst. */
  userHubEventsPerSecond: 60,
  userHubEventBurst: 180,
  /** Longest comment, in characters. */
  maxCommentChars: 5000,
  /** Longest encoded Yjs relative position of a comment anchor (bytes). */
  maxAnchorBytes: 512,
} as const;
