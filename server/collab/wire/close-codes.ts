/**
 * WebSocket close codes of Keyroom's collaboration server, and what a client
 * should do after each: the one table the server and the browser both read
 * (docs/close-codes.md explains it to people). 1xxx are the standard codes;
 * 4xxx mirror HTTP statuses.
 *
 * The official y-websocket provider, left alone, stops on every 4400–4499 code;
 * Keyroom's browser client decides with `isRetryableClose` instead, so a
 * rate-limited (4429) client comes back on its own.
 */
export const CloseCode = {
  /** Standard: the peer went away without a close frame (network loss). */
  Abnormal: 1006,
  /** Standard: the message was too large for the server's limit. */
  MessageTooBig: 1009,
  /** Standard: the server hit an unexpected condition. */
  InternalError: 1011,
  /** Standard: the server is restarting; reconnect with backoff. */
  ServiceRestart: 1012,
  /** Standard: the server is overloaded right now (e.g. too much arrived while the document loaded). */
  TryAgainLater: 1013,
  /** A message could not be decoded or was not a valid Yjs update. */
  InvalidMessage: 4400,
  /** The session ended (signed out, expired, deactivated). */
  Unauthorized: 4401,
  /** Access to the document's account was removed. */
  Forbidden: 4403,
  /** The document does not exist. */
  NotFound: 4404,
  /** The document was deleted while open. */
  DocumentDeleted: 4410,
  /** The document would exceed its maximum size. */
  DocumentTooLarge: 4413,
  /** Sustained sending far over the rate limit; bursts are slowed, not closed. Retryable. */
  RateLimited: 4429,
  /** Storage failed; nothing was applied. Reconnect and resync. */
  StorageUnavailable: 4503,
  /** The update depends on content the server does not have: reconnect and resync. */
  Resync: 4509,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Final closes: reconnecting cannot help until a person does something. */
const FINAL_CLOSES: ReadonlySet<number> = new Set([
  // The same message would be sent again on reconnect.
  CloseCode.MessageTooBig,
  CloseCode.InvalidMessage,
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.NotFound,
  CloseCode.DocumentDeleted,
  CloseCode.DocumentTooLarge,
]);

/**
 * Whether a client should reconnect (with backoff and jitter) after the
 * server closed with `code`. Everything not known to be final is retried:
 * 1006/1011/1012/1013, 4429, Keyroom's 45xx, and codes this client does not know.
 */
export function isRetryableClose(code: number): boolean {
  return !FINAL_CLOSES.has(code);
}
