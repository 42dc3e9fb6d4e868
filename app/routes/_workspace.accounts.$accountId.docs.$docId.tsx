import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useSyncStatus } from "~/collab/use-sync-status";
import { Avatar } from "~/components/avatar";
import { DocumentEditor } from "~/components/editor/document-editor";
import { SyncIndicator } from "~/components/editor/sync-indicator";
import { useCollabSession } from "~/components/editor/use-collab-session";
import { usePresence } from "~/components/editor/use-presence";
import { useT } from "~/i18n/i18n";
import { applyCommentIntent, listThreads } from "~/models/comment.server";
import { getDocumentMeta } from "~/models/document.server";
import { listMentionables } from "~/models/mention.server";
import { WorkflowError } from "~/models/workflow-error.server";
import type { DocKind } from "~/shared/doc-templates";
import { CommentIntentSchema } from "~/shared/schemas/comment";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/utils/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.title} · ${data.doc.account.name} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  const [threads, mentionables] = await Promise.all([
    listThreads(context.db, doc.id, user.id),
    listMentionables(context.db, doc.accountId, user.locale),
  ]);
  return json({
    doc,
    canEdit: access.canEdit,
    me: { name: user.name, color: user.department?.color ?? "#64748b" },
    threads,
    mentionables,
  });
}

/** Comment changes. Only people who may edit the account comment. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireAccountAccess(request, context, params.accountId ?? "", "edit");
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
    return json({ ok: false as const, error: error.message, fields: {} }, { status: error.status });
  }
}

export default function DocumentPage() {
  const { doc, canEdit, me } = useLoaderData<typeof loader>();
  const t = useT();
  const session = useCollabSession(doc.id);
  const status = useSyncStatus(session);
  const people = usePresence(session);
  return (
    <article className="doc-page">
      <header className="doc-page__header">
        <div>
          <p className="breadcrumb">
            <Link to="/accounts">{t("nav.portfolio")}</Link>
            <span aria-hidden="true"> / </span>
            <Link to={`/accounts/${doc.account.id}`}>{doc.account.name}</Link>
          </p>
          <span className={`doc-kind doc-kind--${doc.kind}`}>{t(`docKind.${doc.kind as DocKind}`)}</span>
          <h1>{doc.title}</h1>
        </div>
        <div className="doc-page__status">
          <ul className="presence" aria-label={t("doc.editing")}>
            {people.map((person) => (
              <li key={person.userId} title={person.name}>
                <Avatar name={person.name} color={person.color} size={30} />
                <span className="visually-hidden">{person.name}</span>
              </li>
            ))}
          </ul>
          <SyncIndicator status={status} readOnly={!canEdit} />
        </div>
      </header>
      {!canEdit ? (
        <p className="notice" role="note">
          {t("doc.readOnly")}
        </p>
      ) : null}
      {session ? (
        <DocumentEditor session={session} user={me} editable={canEdit} label={doc.title} />
      ) : (
        <p className="muted editor-loading">{t("doc.loading")}</p>
      )}
    </article>
  );
}
