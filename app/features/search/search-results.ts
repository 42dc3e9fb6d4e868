import type { MessageKey } from "~/i18n/i18n";

/** What workspace search returns, shared by the server module, the page and the palette. */
export const SEARCH_KINDS = ["account", "document", "comment", "actionItem", "decision"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Each kind's name, as a group heading. */
export const SEARCH_KIND_LABEL: Record<SearchKind, MessageKey> = {
  account: "search.kind.account",
  document: "search.kind.document",
  comment: "search.kind.comment",
  actionItem: "search.kind.actionItem",
  decision: "search.kind.decision",
};

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  accountId: string;
  accountName: string;
  href: string;
  /** ISO time of the last change (documents, accounts, action items) or of writing (comments, decisions). */
  at: string;
  /** The text around the first match; all empty when only the title matched. */
  snippet: { before: string; match: string; after: string };
}

export interface SearchResults {
  query: string;
  groups: Array<{ kind: SearchKind; hits: SearchHit[]; more: boolean }>;
}
