import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import blockStyles from "~/features/blocks/editor/blocks-editor.css";
import findStyles from "~/features/documents/editor/find/find.css";
import { DocumentPage } from "~/features/documents/document-page";
import { documentSurroundings } from "~/features/documents/document-page.server";
import { applyCommentIntent } from "~/features/comments/comment.server";
import { getDocumentMeta } from "~/features/documents/document.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { requestLocale } from "~/features/auth/locale.server";
import { CommentIntentSchema } from "~/features/comments/comment.schema";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { memberColor } from "~/shared/member-color";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: blockStyles },
  { rel: "stylesheet", href: findStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.title} · ${data.doc.account.name} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  return json({
    doc,
    canEdit: access.canEdit,
    canComment: access.canComment,
    me: { name: user.name, color: memberColor(user.department) },
    ...(await documentSurroundings(context, doc, user)),
    // New with every load: after a comment is stored the page reloads and the next one gets its own.
    clientId: crypto.randomUUID(),
  });
}

/** Comment changes: the account's team comments, viewers included. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  invariantResponse(access.canComment, "Forbidden", 403);
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  const parsed = CommentIntentSchema.safeParse(await formFields(request));
  if (!parsed.success) {
    return json({ ok: false as const, error: "invalid", fields: parsed.error.flatten().fieldErrors }, { status: 400 });
  }
  try {
    const result = await applyCommentIntent(context, user, doc, parsed.data);
    return json({ ok: true as const, ...result });
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    const locale = await requestLocale(request, user.locale);
    return json({ ok: false as const, error: error.messageIn(locale), fields: {} }, { status: error.status });
  }
}

export default function DocumentRoute() {
  return <DocumentPage data={useLoaderData<typeof loader>()} />;
}
