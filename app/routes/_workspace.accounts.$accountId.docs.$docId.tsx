import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useSyncStatus } from "~/collab/use-sync-status";
import { Avatar } from "~/components/avatar";
import { DocumentEditor } from "~/components/editor/document-editor";
import { SyncIndicator } from "~/components/editor/sync-indicator";
import { useCollabSession } from "~/components/editor/use-collab-session";
import { usePresence } from "~/components/editor/use-presence";
import { useT } from "~/i18n/i18n";
import { getDocumentMeta } from "~/models/document.server";
import type { DocKind } from "~/shared/doc-templates";
import { invariantResponse, requireAccountAccess } from "~/utils/guards.server";

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
    me: { name: user.name, color: user.department?.color ?? "#64748b" },
  });
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
