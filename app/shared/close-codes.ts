/**
 * WebSocket close codes Keyroom's collaboration server uses. 1xxx are the
 * standard ones; 4xxx mirror HTTP statuses. The official y-websocket provider
 * stops reconnecting on 4400–4499 ("reconnecting cannot fix this") and retries
 * everything else, so "try again" codes live in 4500–4599.
 */
export const CloseCode = {
  /** Standard: the message was too large for the server's limit. */
  MessageTooBig: 1009,
  /** Standard: the server is restarting; reconnect with backoff. */
  ServiceRestart: 1012,
  /** A message could not be decoded or was not a valid Yjs update. */
  InvalidMessage: 4400,
  /** The session ended (signed out, expired, deactivated). */
  Unauthorized: 4401,
  /** Access to the document's account was removed. */
  Forbidden: 4403,
  /** The document would exceed its maximum size. */
  DocumentTooLarge: 4413,
  /** The update depends on content the server does not have: reconnect and resync. */
  Resync: 4509,
  /** Too many messages per second on this connection. */
  RateLimited: 4429,
  /** Storage failed; nothing was applied. Reconnect and resync. */
  StorageUnavailable: 4503,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];
