import { Prisma } from "@prisma/client";
import type { Db } from "~/utils/db.server";
import { seesWholePortfolio } from "~/features/auth/permissions.server";
import { yjsStateToContent } from "~/features/documents/document-content.server";
import { plainText } from "./document-text";
import { SEARCH_KINDS, type SearchHit, type SearchKind, type SearchResults } from "./search-results";

export type SearchEngine = "sqlite" | "postgres";

/** Shortest term the trigram index answers; shorter ones are scanned. */
const TRIGRAM = 3;
/** Characters of context either side of the first match in a snippet. */
const CONTEXT = 60;

interface Row {
  id: string;
  title: string;
  text: string | null;
  accountId: string;
  accountName: string;
  href: string;
  at: Date | string | number;
}

/**
 * Workspace search: accounts, documents (their text), comments, action items
 * and review decisions, in English and Chinese alike. Who may see what is a
 * condition of each query itself, never a filter applied after it, so neither
 * results nor the "more" flags say anything about other teams' data.
 *
 * Documents are found through DocumentText, which follows each document a
 * moment after it changes (`indexDocument`); on SQLite through a trigram
 * full-text table, on PostgreSQL through a pg_trgm index. The other kinds are
 * short rows searched where they live.
 */
export class WorkspaceSearch {
  constructor(
    private readonly db: Db,
    private readonly engine: SearchEngine,
  ) {}

  async search(
    user: { id: string; workspaceRole: string },
    query: string,
    options: { kinds?: readonly SearchKind[]; perKind?: number } = {},
  ): Promise<SearchResults> {
    const term = query.trim();
    const perKind = options.perKind ?? 5;
    const kinds = options.kinds ?? SEARCH_KINDS;
    if (!term) return { query: term, groups: [] };
    const groups = await Promise.all(
      kinds.map(async (kind) => {
        const rows = await this.db.$queryRaw<Row[]>(this.statement(kind, term, user, perKind + 1));
        return {
          kind,
          more: rows.length > perKind,
          hits: rows.slice(0, perKind).map((row) => hit(kind, row, term)),
        };
      }),
    );
    return { query: term, groups: groups.filter((group) => group.hits.length > 0) };
  }

  /** Stores the document's text as it is in `state`; a deleted document is skipped. */
  async indexDocument(documentId: string, state: Uint8Array): Promise<void> {
    const document = await this.db.document.findUnique({ where: { id: documentId }, select: { accountId: true } });
    if (!document) return;
    const text = plainText(yjsStateToContent(state));
    const indexedAt = new Date();
    await this.db.documentText.upsert({
      where: { documentId },
      create: { documentId, accountId: document.accountId, text, indexedAt },
      update: { accountId: document.accountId, text, indexedAt },
    });
  }

  /**
   * Indexes every document again from its stored state (`npm run
   * search:rebuild`), and on SQLite rebuilds the full-text table from the
   * texts, so an index damaged or left behind by any means is whole again.
   */
  async rebuild(readState: (documentId: string) => Promise<Uint8Array>): Promise<number> {
    const documents = await this.db.document.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
    for (const { id } of documents) await this.indexDocument(id, await readState(id));
    if (this.engine === "sqlite") {
      await this.db.$executeRaw`INSERT INTO "DocumentTextSearch"("DocumentTextSearch") VALUES ('rebuild')`;
    }
    return documents.length;
  }

  /** Documents whose text was never indexed (made before search existed, or imported), oldest first. */
  async unindexed(): Promise<string[]> {
    const rows = await this.db.document.findMany({
      where: { text: null },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((row) => row.id);
  }

  private statement(kind: SearchKind, term: string, user: { id: string; workspaceRole: string }, limit: number) {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = (column: string) =>
      Prisma.sql`${Prisma.raw(column)} ${Prisma.raw(this.engine === "postgres" ? "ILIKE" : "LIKE")} ${pattern} ESCAPE '\\'`;
    const visible = (accountColumn: string) =>
      seesWholePortfolio(user.workspaceRole)
        ? Prisma.sql`1 = 1`
        : Prisma.sql`EXISTS (SELECT 1 FROM "AccountMember" m WHERE m."accountId" = ${Prisma.raw(accountColumn)} AND m."userId" = ${user.id})`;
    // Every statement joins the account as `a`: an archived one's content leaves the results.
    switch (kind) {
      case "account":
        return Prisma.sql`
          SELECT a.id, a.name AS title, a.industry AS text, a.id AS "accountId", a.name AS "accountName",
                 '/accounts/' || a.id AS href, a."updatedAt" AS at
          FROM "Account" a
          WHERE (${like("a.name")} OR ${like("a.industry")}) AND ${visible("a.id")} AND a."archivedAt" IS NULL
          ORDER BY a.name LIMIT ${limit}`;
      case "document": {
        const inText =
          this.engine === "postgres" || [...term].length < TRIGRAM
            ? like("t.text")
            : Prisma.sql`t.rowid IN (SELECT rowid FROM "DocumentTextSearch" WHERE "DocumentTextSearch" MATCH ${`"${term.replaceAll('"', '""')}"`})`;
        return Prisma.sql`
          SELECT d.id, d.title, t.text, d."accountId", a.name AS "accountName",
                 '/accounts/' || d."accountId" || '/docs/' || d.id AS href, d."updatedAt" AS at
          FROM "Document" d
          JOIN "Account" a ON a.id = d."accountId"
          LEFT JOIN "DocumentText" t ON t."documentId" = d.id
          WHERE (${like("d.title")} OR ${inText}) AND ${visible('d."accountId"')} AND a."archivedAt" IS NULL
          ORDER BY CASE WHEN ${like("d.title")} THEN 0 ELSE 1 END, d."updatedAt" DESC LIMIT ${limit}`;
      }
      case "comment":
        return Prisma.sql`
          SELECT c.id, d.title, c.body AS text, th."accountId", a.name AS "accountName",
                 '/accounts/' || th."accountId" || '/docs/' || th."documentId" || '?thread=' || th.id AS href,
                 c."createdAt" AS at
          FROM "Comment" c
          JOIN "CommentThread" th ON th.id = c."threadId"
          JOIN "Document" d ON d.id = th."documentId"
          JOIN "Account" a ON a.id = th."accountId"
          WHERE ${like("c.body")} AND ${visible('th."accountId"')} AND a."archivedAt" IS NULL
          ORDER BY c."createdAt" DESC LIMIT ${limit}`;
      case "actionItem":
        return Prisma.sql`
          SELECT i.id, i.title, i.quote AS text, i."accountId", a.name AS "accountName",
                 '/accounts/' || i."accountId" || '/actions?focus=' || i.id AS href, i."updatedAt" AS at
          FROM "ActionItem" i
          JOIN "Account" a ON a.id = i."accountId"
          WHERE (${like("i.title")} OR ${like("i.quote")}) AND ${visible('i."accountId"')} AND a."archivedAt" IS NULL
          ORDER BY i."updatedAt" DESC LIMIT ${limit}`;
      case "decision":
        return Prisma.sql`
          SELECT rd.id, r.quarter AS title, rd.text, r."accountId", a.name AS "accountName",
                 '/accounts/' || r."accountId" || '/reviews/' || r.id AS href, rd."createdAt" AS at
          FROM "ReviewDecision" rd
          JOIN "Review" r ON r.id = rd."reviewId"
          JOIN "Account" a ON a.id = r."accountId"
          WHERE ${like("rd.text")} AND ${visible('r."accountId"')} AND a."archivedAt" IS NULL
          ORDER BY rd."createdAt" DESC LIMIT ${limit}`;
    }
  }
}

function hit(kind: SearchKind, row: Row, term: string): SearchHit {
  const inTitle = row.title.toLowerCase().includes(term.toLowerCase());
  return {
    kind,
    id: row.id,
    title: row.title,
    accountId: row.accountId,
    accountName: row.accountName,
    href: row.href,
    at: new Date(row.at).toISOString(),
    snippet: snippet(inTitle && !row.text?.toLowerCase().includes(term.toLowerCase()) ? "" : (row.text ?? ""), term),
  };
}

/** The text around the first match, cut at the context's edges: `match` is what the term matched. */
export function snippet(text: string, term: string): SearchHit["snippet"] {
  const at = text.toLowerCase().indexOf(term.toLowerCase());
  if (at < 0) return { before: "", match: "", after: text.slice(0, CONTEXT * 2) };
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(text.length, at + term.length + CONTEXT);
  const before = text.slice(start, at).replace(/\s+/g, " ");
  const after = text.slice(at + term.length, end).replace(/\s+/g, " ");
  return {
    before: (start > 0 ? "…" : "") + before,
    match: text.slice(at, at + term.length),
    after: after + (end < text.length ? "…" : ""),
  };
}
