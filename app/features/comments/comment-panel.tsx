import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { Avatar } from "~/components/avatar";
import { RelativeTime } from "~/components/relative-time";
import { useT } from "~/i18n/i18n";
import type { CommentThreadView } from "~/features/comments/comment-view";
import type { Mentionable } from "~/features/comments/mentions";
import type { SelectionAnchor } from "./comment-anchors";
import { CommentBody } from "./comment-body";
import { MentionTextarea } from "./mention-textarea";
import { useClientId } from "~/components/use-client-id";

interface PanelProps {
  accountId: string;
  documentId: string;
  threads: CommentThreadView[];
  mentionables: Mentionable[];
  canComment: boolean;
  /** May turn a thread into an action item (people who edit the account; viewers only comment). */
  canMakeActionItems: boolean;
  /** Made by the loader: the base of the clientId each creating form sends, so a retried submit is stored once. */
  clientId: string;
  activeId: string | null;
  onActivate: (threadId: string | null) => void;
  /** The selection a new thread is being written for. */
  draft: SelectionAnchor | null;
  onDraftDone: (threadId: string | null) => void;
  /** Threads whose anchored text no longer exists. */
  detached: ReadonlySet<string>;
}

type CommentReply = { ok: true; threadId: string } | { ok: false; error: string };

/** The document's discussion: a new thread for the selection, open threads, and resolved ones on request. */
export function CommentPanel(props: PanelProps) {
  const t = useT();
  const { threads, activeId } = props;
  const [showResolved, setShowResolved] = useState(false);
  const known = useMemo(() => new Set(props.mentionables.map((m) => m.handle)), [props.mentionables]);
  const open = threads.filter((thread) => thread.status === "open");
  const resolved = threads.filter((thread) => thread.status === "resolved");
  const activeResolved = resolved.some((thread) => thread.id === activeId);
  const [threadClientId, renewThreadClientId] = useClientId(props.clientId);

  return (
    <aside className="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="comments__heading">
        {t("comments.title")} <span className="muted small">{open.length}</span>
      </h2>
      {props.draft ? (
        <NewThread {...props} draft={props.draft} clientId={threadClientId} onCreated={renewThreadClientId} />
      ) : null}
      {open.length === 0 && !props.draft ? (
        <p className="empty-state">{props.canComment ? t("comments.emptyEditor") : t("comments.empty")}</p>
      ) : null}
      {open.map((thread) => (
        <Thread key={thread.id} thread={thread} known={known} {...props} />
      ))}
      {resolved.length > 0 ? (
        <div className="comments__resolved">
          <button
            type="button"
            className="button button--ghost button--small"
            aria-expanded={showResolved || activeResolved}
            onClick={() => setShowResolved((value) => !value)}
          >
            {t("comments.resolvedToggle", { count: resolved.length })}
          </button>
          {showResolved || activeResolved
            ? resolved.map((thread) => <Thread key={thread.id} thread={thread} known={known} {...props} />)
            : null}
        </div>
      ) : null}
    </aside>
  );
}

function NewThread({
  draft,
  mentionables,
  onDraftDone,
  clientId,
  onCreated,
}: PanelProps & { draft: SelectionAnchor; onCreated: () => void }) {
  const t = useT();
  const fetcher = useFetcher<CommentReply>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data?.ok) return;
    onCreated();
    onDraftDone(fetcher.data.threadId);
  }, [fetcher.state, fetcher.data, onDraftDone, onCreated]);
  return (
    <fetcher.Form method="post" className="thread thread--draft" ref={form}>
      <input type="hidden" name="intent" value="comment-start" />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="anchorStart" value={draft.anchorStart} />
      <input type="hidden" name="anchorEnd" value={draft.anchorEnd} />
      <input type="hidden" name="quote" value={draft.quote} />
      <blockquote className="thread__quote thread__quote--static">{draft.quote}</blockquote>
      <MentionTextarea
        name="body"
        label={t("comments.newLabel")}
        mentionables={mentionables}
        autoFocus
        onSubmitShortcut={() => form.current?.requestSubmit()}
        onCancelShortcut={() => onDraftDone(null)}
      />
      {fetcher.data && !fetcher.data.ok ? (
        <p className="form-error" role="alert">
          {t("comments.error")}
        </p>
      ) : null}
      <div className="thread__actions">
        <button type="submit" className="button button--small" disabled={fetcher.state !== "idle"}>
          {fetcher.state !== "idle" ? t("comments.posting") : t("comments.post")}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => onDraftDone(null)}>
          {t("comments.cancel")}
        </button>
        <span className="muted small">{t("comments.submitHint")}</span>
      </div>
    </fetcher.Form>
  );
}

function Thread({
  thread,
  known,
  accountId,
  documentId,
  mentionables,
  canComment,
  canMakeActionItems,
  activeId,
  onActivate,
  detached,
  clientId,
}: PanelProps & { thread: CommentThreadView; known: ReadonlySet<string> }) {
  const t = useT();
  const active = thread.id === activeId;
  const card = useRef<HTMLElement>(null);
  // The reply form comes and goes with `active`; its draft lives here, so a reply is never sent twice.
  const reply = useReplyDraft(`${clientId}-${thread.id}`);
  const [editing, setEditing] = useState<string | null>(null);
  useScrollIntoPanel(card, active);

  return (
    <article
      ref={card}
      id={`thread-${thread.id}`}
      className={`thread${active ? " thread--active" : ""}${thread.status === "resolved" ? " thread--resolved" : ""}`}
      aria-label={t("comments.threadLabel", { quote: thread.quote })}
    >
      <button type="button" className="thread__quote" onClick={() => onActivate(active ? null : thread.id)}>
        {detached.has(thread.id) ? <span className="muted small">{t("comments.detached")} </span> : null}“{thread.quote}
        ”
      </button>
      <ol className="thread__comments">
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            known={known}
            mentionables={mentionables}
            canEdit={comment.mine && canComment}
            editing={editing === comment.id}
            onEditing={(on) => setEditing(on ? comment.id : null)}
          />
        ))}
      </ol>
      {thread.status === "resolved" ? (
        <p className="muted small">{t("comments.resolvedBy", { name: thread.resolvedBy ?? "" })}</p>
      ) : null}
      {canComment && active && thread.status === "open" ? (
        <ReplyForm reply={reply} threadId={thread.id} mentionables={mentionables} />
      ) : null}
      {canComment ? (
        <ThreadActions
          thread={thread}
          accountId={accountId}
          documentId={documentId}
          clientId={clientId}
          active={active}
          onActivate={onActivate}
          canMakeActionItems={canMakeActionItems}
        />
      ) : null}
    </article>
  );
}

type ReplyDraft = ReturnType<typeof useReplyDraft>;

/** A reply's fetcher, form and clientId; the form is emptied and a new id taken once the reply is stored. */
function useReplyDraft(base: string) {
  const fetcher = useFetcher<CommentReply>();
  const form = useRef<HTMLFormElement>(null);
  const [clientId, renewClientId] = useClientId(base);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data?.ok) return;
    form.current?.reset();
    renewClientId();
  }, [fetcher.state, fetcher.data, renewClientId]);
  return { fetcher, form, clientId };
}

function ReplyForm({
  reply,
  threadId,
  mentionables,
}: {
  reply: ReplyDraft;
  threadId: string;
  mentionables: Mentionable[];
}) {
  const t = useT();
  const { fetcher, form, clientId } = reply;
  return (
    <fetcher.Form method="post" ref={form} className="thread__reply">
      <input type="hidden" name="intent" value="comment-reply" />
      <input type="hidden" name="threadId" value={threadId} />
      <input type="hidden" name="clientId" value={clientId} />
      <MentionTextarea
        name="body"
        label={t("comments.replyLabel")}
        mentionables={mentionables}
        onSubmitShortcut={() => form.current?.requestSubmit()}
      />
      <button type="submit" className="button button--small" disabled={fetcher.state !== "idle"}>
        {t("comments.reply")}
      </button>
    </fetcher.Form>
  );
}

/** Scrolls the panel only: the editor scrolls the page to the anchored text at the same time. */
function useScrollIntoPanel(card: RefObject<HTMLElement | null>, active: boolean) {
  useEffect(() => {
    const el = card.current;
    const panel = el?.closest(".comments");
    if (!active || !el || !panel) return;
    const top = el.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
    panel.scrollTo({ top: Math.max(0, top - 48), behavior: "smooth" });
  }, [card, active]);
}

interface CommentItemProps {
  comment: CommentThreadView["comments"][number];
  known: ReadonlySet<string>;
  mentionables: Mentionable[];
  canEdit: boolean;
  editing: boolean;
  onEditing: (on: boolean) => void;
}

function CommentItem({ comment, known, mentionables, canEdit, editing, onEditing }: CommentItemProps) {
  const t = useT();
  return (
    <li className="comment">
      <div className="comment__head">
        <Avatar name={comment.author.name} color={comment.author.color} size={22} />
        <strong>{comment.author.name}</strong>
        <RelativeTime className="muted small" iso={comment.createdAt} />
        {comment.edited ? <span className="muted small">{t("comments.edited")}</span> : null}
        {canEdit && !editing ? (
          <button type="button" className="link-button small" onClick={() => onEditing(true)}>
            {t("comments.edit")}
          </button>
        ) : null}
      </div>
      {editing ? (
        <EditComment
          commentId={comment.id}
          body={comment.body}
          mentionables={mentionables}
          onDone={() => onEditing(false)}
        />
      ) : (
        <CommentBody body={comment.body} known={known} />
      )}
    </li>
  );
}

interface ThreadActionsProps {
  thread: CommentThreadView;
  accountId: string;
  documentId: string;
  clientId: string;
  active: boolean;
  onActivate: (threadId: string) => void;
  canMakeActionItems: boolean;
}

/** Reply, resolve or reopen, and (for people who edit the account) turn the thread into an action item. */
function ThreadActions(props: ThreadActionsProps) {
  const { thread, accountId, documentId, clientId, active, onActivate, canMakeActionItems } = props;
  const t = useT();
  const status = useFetcher<CommentReply>();
  const actionItem = useFetcher<{ ok: true; action: { id: string } } | { ok: false }>();
  const first = thread.comments[0];
  return (
    <div className="thread__actions">
      {!active && thread.status === "open" ? (
        <button type="button" className="button button--ghost button--small" onClick={() => onActivate(thread.id)}>
          {t("comments.reply")}
        </button>
      ) : null}
      <status.Form method="post">
        <input type="hidden" name="threadId" value={thread.id} />
        <button
          type="submit"
          name="intent"
          value={thread.status === "open" ? "comment-resolve" : "comment-reopen"}
          className="button button--ghost button--small"
          disabled={status.state !== "idle"}
        >
          {thread.status === "open" ? t("comments.resolve") : t("comments.reopen")}
        </button>
      </status.Form>
      {!canMakeActionItems ? null : actionItem.data?.ok ? (
        <Link to={`/accounts/${accountId}/actions?focus=${actionItem.data.action.id}`} className="small">
          {t("comments.actionCreated")}
        </Link>
      ) : (
        <actionItem.Form method="post" action={`/accounts/${accountId}/actions`}>
          <input type="hidden" name="intent" value="create" />
          <input type="hidden" name="title" value={actionTitle(first?.body ?? thread.quote)} />
          <input type="hidden" name="documentId" value={documentId} />
          <input type="hidden" name="threadId" value={thread.id} />
          <input type="hidden" name="quote" value={thread.quote.slice(0, 500)} />
          {/* Once created, the form gives way to a link: one id per thread is enough. */}
          <input type="hidden" name="clientId" value={`${clientId}-${thread.id}`} />
          <button type="submit" className="button button--ghost button--small" disabled={actionItem.state !== "idle"}>
            {t("comments.toAction")}
          </button>
        </actionItem.Form>
      )}
    </div>
  );
}

function EditComment({
  commentId,
  body,
  mentionables,
  onDone,
}: {
  commentId: string;
  body: string;
  mentionables: Mentionable[];
  onDone: () => void;
}) {
  const t = useT();
  const fetcher = useFetcher<CommentReply>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) onDone();
  }, [fetcher.state, fetcher.data, onDone]);
  return (
    <fetcher.Form method="post" ref={form} className="thread__reply">
      <input type="hidden" name="intent" value="comment-edit" />
      <input type="hidden" name="commentId" value={commentId} />
      <MentionTextarea
        name="body"
        label={t("comments.editLabel")}
        mentionables={mentionables}
        defaultValue={body}
        autoFocus
        onSubmitShortcut={() => form.current?.requestSubmit()}
        onCancelShortcut={onDone}
      />
      <div className="thread__actions">
        <button type="submit" className="button button--small" disabled={fetcher.state !== "idle"}>
          {t("comments.save")}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onDone}>
          {t("comments.cancel")}
        </button>
      </div>
    </fetcher.Form>
  );
}

/** An action item's title from a comment: its first line, short enough for a list. */
function actionTitle(text: string): string {
  const line = text.split("\n")[0].trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
