import type { AUDIT_CHANNELS } from "./audit-view";
import { AsyncLocalStorage } from "node:async_hooks";

/** Where a write came in: a page or form, the JSON API, the team hub, a live document. */
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/** What the code that handled a write says about it, beyond what its address tells. */
export interface AuditNote {
  action?: string;
  accountId?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  /** Short facts worth keeping (a token's name, a count); never a secret or a whole body. */
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * One write request being served: who is acting (known once the session or
 * token is read), and what the handler noted. The HTTP layer opens a scope per
 * state-changing request and records it once the answer is a success, so the
 * log holds what was done, not what was tried.
 */
export interface AuditScope {
  channel: AuditChannel;
  ip: string | null;
  actor?: { id: string; email: string };
  /** The form's `intent` field, which names the action on pages with several forms. */
  intent?: string;
  note: AuditNote;
  /** Set by a handler whose write must not be logged (nothing was changed). */
  skip?: boolean;
}

/**
 * One store per process, whichever copy of this module asks: the Remix build
 * bundles its own copy of app code, and the HTTP layer (which opens scopes)
 * runs the source one, so a module-level store would not be shared.
 */
const STORE = Symbol.for("keyroom.audit-scopes");
const scopes: AsyncLocalStorage<AuditScope> = ((globalThis as Record<symbol, unknown>)[STORE] ??=
  new AsyncLocalStorage<AuditScope>()) as AsyncLocalStorage<AuditScope>;

export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return scopes.run(scope, work);
}

export function currentAuditScope(): AuditScope | undefined {
  return scopes.getStore();
}

/** The person acting in the current write request (from its session or token). */
export function noteActor(actor: { id: string; email: string }): void {
  const scope = scopes.getStore();
  if (scope) scope.actor = { id: actor.id, email: actor.email };
}

export function noteIntent(intent: unknown): void {
  const scope = scopes.getStore();
  if (scope && typeof intent === "string" && intent.length <= 60) scope.intent = intent;
}

/** Adds what only the handler knows: the object it created, the account, a detail. */
export function noteAudit(note: AuditNote): void {
  const scope = scopes.getStore();
  if (scope) scope.note = { ...scope.note, ...note, detail: { ...scope.note.detail, ...note.detail } };
}

/** The current request changed nothing after all (a retried create answered from the first one). */
export function skipAudit(): void {
  const scope = scopes.getStore();
  if (scope) scope.skip = true;
}
