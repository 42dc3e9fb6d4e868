/** What workspace search returns, shared by the server module and the page. */
export const SEARCH_KINDS = ["account", "document", "comment", "actionItem", "decision"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

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
