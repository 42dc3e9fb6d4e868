import type { Cookie } from "@remix-run/node";
import type { Db } from "./db.server";

/** Ends live connections when access ends (logout, removal, deactivation). */
export interface LiveConnections {
  closeSession(sessionId: string): void;
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
};

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends Services {}
}
