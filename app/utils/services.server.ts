import type { Cookie } from "@remix-run/node";
import type * as Y from "yjs";
import type { ServerToClientEvents } from "~/shared/hub";
import type { Db } from "./db.server";
import type { SignInThrottle } from "~/features/auth/sign-in-throttle.server";
import type { WorkspaceSearch } from "~/features/search/search.server";

/** Ends live connections when access ends (logout, removal, deactivation). */
export interface LiveConnections {
  closeSession(sessionId: string): void;
  /** A user was deactivated: close every collab and hub connection they hold, on every process. */
  closeUser(userId: string): void;
  /** A member left the team: close their collab sockets on its documents and leave its hub rooms. */
  revokeAccountAccess(userId: string, accountId: string): Promise<void>;
  /** A member's edit rights on the account changed: their collab sockets reconnect and get the new rights. */
  accountAccessChanged(userId: string, accountId: string): void;
}

type HubEvent = keyof ServerToClientEvents;
type HubArgs<E extends HubEvent> = Parameters<ServerToClientEvents[E]>;

/**
 * Pushes stored changes to the people who may see them (socket.io rooms).
 * Callers store first, then broadcast: a client that misses a push reloads
 * the same data from the database.
 */
export interface TeamBroadcast {
  toAccount<E extends HubEvent>(accountId: string, event: E, ...args: HubArgs<E>): void;
  toDocument<E extends HubEvent>(documentId: string, event: E, ...args: HubArgs<E>): void;
  toUser<E extends HubEvent>(userId: string, event: E, ...args: HubArgs<E>): void;
  toReview<E extends HubEvent>(reviewId: string, event: E, ...args: HubArgs<E>): void;
  /** One push to everyone in any of these rooms; a socket in several gets it once. */
  toMany<E extends HubEvent>(
    rooms: { accountIds?: string[]; documentIds?: string[]; userIds?: string[]; reviewIds?: string[] },
    event: E,
    ...args: HubArgs<E>
  ): void;
}

/** The documents' stored Yjs content, read and changed through the collab server's pipeline. */
export interface DocumentStore {
  /** The document as stored now (a Yjs update holding its whole state). */
  currentState(documentId: string): Promise<Uint8Array>;
  /** Changes a copy of the document; the difference is stored and broadcast like a person's edit. */
  changeDocument(documentId: string, accountId: string, userId: string, edit: (copy: Y.Doc) => void): Promise<void>;
}

/**
 * What the Node process hands every loader and action (Remix load context).
 * Passing it in, instead of module singletons, lets tests run several servers
 * with their own databases and keeps the Remix bundle free of process state.
 */
// A type alias, not an interface: Remix's AppLoadContext has an index
// signature, which only alias types satisfy implicitly.
export type Services = {
  db: Db;
  sessionCookie: Cookie;
  /** Exact origin allowed for state-changing requests, when configured. */
  publicUrl?: string;
  live: LiveConnections;
  hub: TeamBroadcast;
  documents: DocumentStore;
  /** Workspace search over what each user may see (app/features/search). */
  search: WorkspaceSearch;
  signIns: SignInThrottle;
  /** About the HTTP request being served; absent outside one (scripts, the seed). */
  requestFacts?: RequestFacts;
};

/** Per-request facts the Express layer knows and Remix does not. */
export interface RequestFacts {
  /** The Content-Security-Policy nonce for this response's inline scripts. */
  cspNonce: string;
  /** The client's address (the proxy's view when TRUST_PROXY is set). */
  clientAddress: string;
}

/** The part of Services that stores and broadcasts workflow changes. */
export type Workflow = Pick<Services, "db" | "hub">;

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends Services {}
}
