import { Link, useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback, useRef, useState } from "react";
import { Avatar } from "~/components/avatar";
import { SHAREABLE_KINDS } from "~/features/sharing/share.schema";
import { ApprovalBadge } from "~/features/approvals/approval-badge";
import { BlockDataProvider, type BlockEditorData } from "~/features/blocks/editor/block-data";
import type { ApprovalStatus } from "~/features/approvals/approval.schema";
import type { SelectionAnchor } from "~/features/comments/comment-anchors";
import { CommentPanel } from "~/features/comments/comment-panel";
import type { CommentThreadView } from "~/features/comments/comment-view";
import type { Mentionable } from "~/features/comments/mentions";
import { usePresenceRoom, useRevalidateOn } from "~/hub/hub-context";
import { useT } from "~/i18n/i18n";
import type { PresentUser as HubUser } from "~/shared/hub";
import { useSyncStatus, type SyncStatus } from "./collab/use-sync-status";
import type { DocKind } from "./doc-templates";
import type { EditorUser } from "./editor/document-editor";
import { LazyDocumentEditor } from "./editor/lazy-document-editor";
import { ClosedNotice, SyncIndicator } from "./editor/sync-indicator";
import { useCollabSession } from "./editor/use-collab-session";
import { PresenceAnnouncer } from "~/features/team/presence-announcer";
import { usePresence, type PresentUser } from "./editor/use-presence";

/** What the document page's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface DocumentPageData {
  doc: {
    id: string;
    kind: string;
    title: string;
    accountId: string;
    updatedAt: string;
    account: { id: string; name: string };
  };
  canEdit: boolean;
  /** Viewers comment too; executives and admins off the team only read. */
  canComment: boolean;
  me: EditorUser;
  threads: CommentThreadView[];
  mentionables: Mentionable[];
  approvalStatus: ApprovalStatus;
  blocks: BlockEditorData;
  /** New with every load: after a comment is stored the page reloads and the next one gets its own. */
  clientId: string;
}

export function DocumentPage({ data }: { data: DocumentPageData }) {
  const { doc, canEdit, canComment, me, threads, mentionables, approvalStatus, blocks, clientId } = data;
  const session = useCollabSession(doc.id);
  const status = useSyncStatus(session, { readOnly: !canEdit });
  const people = usePresence(session);
  const hubPresence = usePresenceRoom("document", doc.id);
  usePresenceRoom("account", doc.account.id);
  useRevalidateOn("comment:changed", (change) => change.documentId === doc.id);
  useRevalidateOn("approval:changed", (change) => change.documentId === doc.id);
  const navigate = useNavigate();
  const { activeId, activate, draft, startComment, draftDone, hint } = useThreadSelection();
  const [detached, setDetached] = useState<ReadonlySet<string>>(new Set());
  const sections = new Map(hubPresence?.users.map((u) => [u.userId, u.section]) ?? []);
  // After a final close nothing typed here can reach the server: stop taking edits.
  const writable = canEdit && status.state !== "closed";
  const discardLocal = useCallback(() => {
    void session?.discardLocal().then(() => window.location.reload());
  }, [session]);
  // The selected text becomes the quote of a new action item on the account's list.
  const toActionItem = (quote: string) =>
    navigate(
      `/accounts/${doc.account.id}/actions?${new URLSearchParams({ documentId: doc.id, quote })}#new-action-heading`,
    );

  return (
    <article className="doc-page doc-page--with-comments">
      <DocumentHeader doc={doc} approvalStatus={approvalStatus} people={people} sections={sections} />
      <SectionList users={hubPresence?.users ?? []} />
      <DocumentNotices
        status={status}
        canEdit={canEdit}
        canComment={canComment}
        hint={hint}
        accountId={doc.account.id}
        onDiscard={discardLocal}
      />
      <div className="doc-page__body">
        <BlockDataProvider value={blocks}>
          <LazyDocumentEditor
            session={session}
            documentId={doc.id}
            user={me}
            editable={writable}
            label={doc.title}
            status={
              <SyncIndicator status={status} readOnly={!canEdit} onRetry={() => session?.retryNow()} withNotice />
            }
            comments={{
              threads,
              activeId,
              onActivate: activate,
              onStart: canComment ? startComment : null,
              onDetached: setDetached,
              onActionItem: writable ? toActionItem : null,
            }}
          />
        </BlockDataProvider>
        <CommentPanel
          accountId={doc.account.id}
          documentId={doc.id}
          threads={threads}
          mentionables={mentionables}
          canComment={canComment}
          canMakeActionItems={canEdit}
          clientId={clientId}
          activeId={activeId}
          onActivate={activate}
          draft={draft}
          onDraftDone={draftDone}
          detached={detached}
        />
      </div>
    </article>
  );
}

interface DocumentNoticesProps {
  status: SyncStatus;
  canEdit: boolean;
  canComment: boolean;
  /** Commenting was asked for without a selection. */
  hint: boolean;
  accountId: string;
  onDiscard: () => void;
}

function DocumentNotices({ status, canEdit, canComment, hint, accountId, onDiscard }: DocumentNoticesProps) {
  const t = useT();
  return (
    <>
      {status.state === "closed" ? (
        <ClosedNotice code={status.code} unsent={status.unsent} accountId={accountId} onDiscard={onDiscard} />
      ) : null}
      {!canEdit ? (
        <p className="notice" role="note">
          {t(canComment ? "doc.readOnly" : "doc.readOnlyNoComment")}
        </p>
      ) : null}
      {hint ? (
        <p className="notice notice--hint" role="status">
          {t("comments.selectFirst")}
        </p>
      ) : null}
    </>
  );
}

/** The comment thread open in the URL (`?thread=`), a new thread's draft, and the hint to select text first. */
function useThreadSelection() {
  const [searchParams, setSearchParams] = useSearchParams();
  const activeId = searchParams.get("thread");
  const [draft, setDraft] = useState<SelectionAnchor | null>(null);
  const [hint, setHint] = useState(false);
  // Where the comment was started from (the editor): a cancelled draft gives focus back there.
  const returnTo = useRef<HTMLElement | null>(null);

  const activate = useCallback(
    (threadId: string | null) =>
      setSearchParams(
        (params) => {
          if (threadId) params.set("thread", threadId);
          else params.delete("thread");
          return params;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setSearchParams],
  );
  const startComment = useCallback((anchor: SelectionAnchor | null) => {
    setHint(anchor === null);
    if (!anchor) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDraft(anchor);
  }, []);
  const draftDone = useCallback(
    (threadId: string | null) => {
      setDraft(null);
      if (threadId) activate(threadId);
      else if (returnTo.current?.isConnected) returnTo.current.focus();
      returnTo.current = null;
    },
    [activate],
  );
  return { activeId, activate, draft, startComment, draftDone, hint };
}

interface DocumentHeaderProps {
  doc: DocumentPageData["doc"];
  approvalStatus: DocumentPageData["approvalStatus"];
  people: PresentUser[];
  /** The section each person's caret is in, by user id. */
  sections: Map<string, string | null>;
}

function DocumentHeader({ doc, approvalStatus, people, sections }: DocumentHeaderProps) {
  const t = useT();
  return (
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
        <PresenceList people={people} sections={sections} />
        <Link
          to={`/accounts/${doc.account.id}/docs/${doc.id}/approval`}
          className="button button--ghost button--small"
          aria-label={`${t("approval.open")}: ${t(`approval.status.${approvalStatus}`)}`}
        >
          {t("approval.open")} <ApprovalBadge status={approvalStatus} />
        </Link>
        <Link to={`/accounts/${doc.account.id}/docs/${doc.id}/versions`} className="button button--ghost button--small">
          {t("versions.open")}
        </Link>
        {SHAREABLE_KINDS.includes(doc.kind) ? (
          <Link to={`/accounts/${doc.account.id}/docs/${doc.id}/share`} className="button button--ghost button--small">
            {t("share.title")}
          </Link>
        ) : null}
        {/* A file, not a page: a plain link, so the browser downloads it instead of Remix navigating. */}
        <a
          href={`/accounts/${doc.account.id}/docs/${doc.id}/export.md`}
          download
          className="button button--ghost button--small"
          title={t("doc.exportMarkdown.hint")}
        >
          {t("doc.exportMarkdown")}
        </a>
        <button
          type="button"
          className="button button--ghost button--small"
          title={t("doc.print.hint")}
          onClick={() => window.print()}
        >
          {t("doc.print")}
        </button>
      </div>
    </header>
  );
}

/** The people editing now, each named with the section they are in. */
function PresenceList({ people, sections }: { people: PresentUser[]; sections: Map<string, string | null> }) {
  const t = useT();
  return (
    <>
      <PresenceAnnouncer people={people} />
      <ul className="presence" aria-label={t("doc.editing")}>
        {people.map((person) => {
          const section = sections.get(person.userId);
          const label = section ? t("presence.inSection", { name: person.name, section }) : person.name;
          return (
            <li key={person.userId} title={label}>
              <Avatar name={person.name} color={person.color} size={30} />
              <span className="visually-hidden">{label}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Who is working in which section, from the team hub. */
function SectionList({ users }: { users: HubUser[] }) {
  const t = useT();
  const working = users.filter((user) => user.section);
  if (working.length === 0) return null;
  return (
    <ul className="sections-now" aria-label={t("presence.online")}>
      {working.map((user) => (
        <li key={user.userId}>
          <span className="sections-now__dot" style={{ background: user.color }} aria-hidden="true" />
          {t("presence.inSection", { name: user.name, section: user.section ?? "" })}
        </li>
      ))}
    </ul>
  );
}
