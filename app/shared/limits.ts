/**
 * Limits shared by the server (enforced) and the client (to warn before sending).
 * The collaboration server's own limits are in server/collab/limits.ts.
 */
export const Limits = {
  /** Largest HTTP request body (bytes): forms and CSV imports (KPI imports stop at 200 KB). */
  maxHttpBodyBytes: 1024 * 1024,
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
