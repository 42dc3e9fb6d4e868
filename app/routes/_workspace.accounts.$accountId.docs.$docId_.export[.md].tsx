import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n/i18n.server";
import { getDocumentMeta } from "~/features/documents/document.server";
import { documentMarkdown, markdownDisposition } from "~/features/documents/document-export.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

/** A document's live content as a Markdown file, in the reader's language; anyone who may read the account may export. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  const locale = await requestLocale(request, user.locale);
  const markdown = await documentMarkdown(context, doc, (key, vars) => translate(locale, key, vars), locale);
  return new Response(markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": markdownDisposition(doc.title),
      "Cache-Control": "private, no-store",
    },
  });
}
