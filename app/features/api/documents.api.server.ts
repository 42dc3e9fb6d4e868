import { z } from "zod";
import { documentMarkdown } from "~/features/documents/document-export.server";
import { getDocumentMeta } from "~/features/documents/document.server";
import { listVersions, versionContent, versionsById, VERSION_REASONS } from "~/features/documents/version.server";
import { currentContent } from "~/features/documents/version.server";
import { isLocale, LOCALES, type Locale } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { IdSchema } from "~/shared/id";
import { notFound } from "./api-error.server";
import { isoDateTime, pageOf, PageQuerySchema } from "./api-schemas";
import { requireAccount, requireDocument } from "./access.server";
import { AccountParams } from "./accounts.api.server";
import { operation } from "./operation.server";
import { paginate } from "./pagination.server";

export const DocumentParams = z.object({ documentId: IdSchema });

export const DocumentSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.string(),
  title: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

const documentSelect = {
  id: true,
  accountId: true,
  kind: true,
  title: true,
  createdAt: true,
  updatedAt: true,
} as const;

function documentView(row: {
  id: string;
  accountId: string;
  kind: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}) {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

const listDocuments = operation({
  method: "get",
  path: "/accounts/{accountId}/documents",
  operationId: "listDocuments",
  summary: "The account's documents (metadata), oldest first",
  tag: "Documents",
  params: AccountParams,
  query: PageQuerySchema,
  response: pageOf(DocumentSchema),
  async handler(context) {
    await requireAccount(context, context.params.accountId);
    const rows = await context.services.db.document.findMany({
      where: { accountId: context.params.accountId },
      select: documentSelect,
    });
    return paginate(rows.map(documentView), (d) => [d.createdAt, d.id], context.query);
  },
});

const getDocument = operation({
  method: "get",
  path: "/documents/{documentId}",
  operationId: "getDocument",
  summary: "A document's metadata",
  tag: "Documents",
  params: DocumentParams,
  response: DocumentSchema,
  async handler(context) {
    await requireDocument(context, context.params.documentId);
    const row = await context.services.db.document.findUnique({
      where: { id: context.params.documentId },
      select: documentSelect,
    });
    if (!row) throw notFound();
    return documentView(row);
  },
});

const ContentSchema = z.object({
  documentId: z.string(),
  /** ProseMirror (TipTap) JSON, the editor's own format. */
  content: z.record(z.unknown()),
  contentHash: z.string(),
});

const getDocumentContent = operation({
  method: "get",
  path: "/documents/{documentId}/content",
  operationId: "getDocumentContent",
  summary: "The document's live content as ProseMirror JSON",
  description: "Every edit that reached the server, not only the last saved version.",
  tag: "Documents",
  params: DocumentParams,
  response: ContentSchema,
  async handler(context) {
    const { documentId } = context.params;
    await requireDocument(context, documentId);
    const { content, hash } = await currentContent(context.services, documentId);
    return { documentId, content, contentHash: hash };
  },
});

const MarkdownQuery = z.object({ locale: z.enum(LOCALES as [Locale, ...Locale[]]).optional() });

const exportMarkdown = operation({
  method: "get",
  path: "/documents/{documentId}/markdown",
  operationId: "exportDocumentMarkdown",
  summary: "The document's live content as Markdown",
  description: "Labels (departments, KPIs, block fields) in `locale`, by default the token user's language.",
  tag: "Documents",
  params: DocumentParams,
  query: MarkdownQuery,
  response: z.string(),
  produces: "markdown",
  async handler(context) {
    await requireDocument(context, context.params.documentId);
    const doc = await getDocumentMeta(context.services.db, context.params.documentId);
    if (!doc) throw notFound();
    const locale: Locale = context.query.locale ?? (isLocale(context.user.locale) ? context.user.locale : "en");
    return documentMarkdown(context.services, doc, (key, vars) => translate(locale, key, vars), locale);
  },
});

export const VersionSchema = z.object({
  id: z.string(),
  name: z.string(),
  reason: z.enum(VERSION_REASONS),
  contentHash: z.string(),
  createdAt: isoDateTime,
  createdBy: z.string().nullable(),
});

const listDocumentVersions = operation({
  method: "get",
  path: "/documents/{documentId}/versions",
  operationId: "listVersions",
  summary: "The document's saved versions, newest first",
  tag: "Versions",
  params: DocumentParams,
  query: PageQuerySchema,
  response: pageOf(VersionSchema),
  async handler(context) {
    await requireDocument(context, context.params.documentId);
    const versions = await listVersions(context.services.db, context.params.documentId);
    return paginate(versions, (v) => [v.createdAt, v.id], context.query, "desc");
  },
});

const getVersion = operation({
  method: "get",
  path: "/documents/{documentId}/versions/{versionId}",
  operationId: "getVersion",
  summary: "One version, with its content as ProseMirror JSON",
  tag: "Versions",
  params: DocumentParams.extend({ versionId: IdSchema }),
  response: VersionSchema.extend({ content: z.record(z.unknown()) }),
  async handler(context) {
    const { documentId, versionId } = context.params;
    await requireDocument(context, documentId);
    const [version] = await versionsById(context.services.db, documentId, [versionId]);
    if (!version) throw notFound();
    return { ...version, content: await versionContent(context.services.db, documentId, versionId) };
  },
});

export const documentOperations = [
  listDocuments,
  getDocument,
  getDocumentContent,
  exportMarkdown,
  listDocumentVersions,
  getVersion,
];
