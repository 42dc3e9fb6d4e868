import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useSyncStatus } from "~/features/documents/collab/use-sync-status";
import { ActionItemFields } from "~/features/action-items/action-item-fields";
import { ActionItemRow } from "~/features/action-items/action-item-row";
import { LazyDocumentEditor } from "~/features/documents/editor/lazy-document-editor";
import { SyncIndicator } from "~/features/documents/editor/sync-indicator";
import { useCollabSession } from "~/features/documents/editor/use-collab-session";
import { useT } from "~/i18n/i18n";
import type { ReviewPageData } from "./review-page";
import { formatDuration, itemSeconds, type ReviewStatePayload } from "~/features/reviews/review";
import { ItemContext } from "./item-context";
import { WaitingList } from "./review-lobby";
import { useReviewRoom } from "./use-review-room";

type Reply = { ok: boolean; intent: string; errors?: Record<string, string> } | undefined;

/**
 * The clock for the agenda timers, ticking every second once mounted; null
 * while server-rendering and hydrating, so both render the stored times alike.
 */
function useNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A live review. The lead's moves reach everyone through the team hub; each
 * person follows the lead until they open another item themselves, and can
 * jump back. Decisions and action items are recorded on the item at hand; the
 * minutes are one co-edited document beside it.
 */
export function ReviewLive({ data }: { data: ReviewPageData }) {
  const t = useT();
  const room = useReviewRoom(data.review.id, data.review.status);
  const state: ReviewStatePayload = room.state ?? data.state;
  const now = useNow();
  const [browsing, setBrowsing] = useState<string | null>(null);
  const leadItem = state.currentItemId;
  const shownId = browsing ?? leadItem ?? data.agenda[0]?.id ?? null;
  const shown = data.agenda.find((item) => item.id === shownId) ?? null;
  const leadIndex = data.agenda.findIndex((item) => item.id === leadItem);
  const seconds = (itemId: string) =>
    now === null ? (state.spent[itemId] ?? 0) : itemSeconds(state, itemId, now, room.clockOffsetMs);

  const open = (itemId: string) => {
    if (data.canLead) {
      setBrowsing(null);
      room.go(itemId);
    } else setBrowsing(itemId === leadItem ? null : itemId);
  };

  return (
    <div className="review-live" data-current-item={leadItem ?? ""}>
      <div className="review-live__bar">
        <WaitingList users={room.presence?.users ?? []} />
        {data.canLead ? <LeadControls data={data} leadIndex={leadIndex} go={room.go} /> : null}
      </div>
      {room.error ? (
        <p className="form-error" role="alert">
          {room.error.message}
        </p>
      ) : null}
      {browsing && leadItem ? (
        <p className="notice review-follow" role="status">
          {t("reviews.follow.browsing", { item: data.agenda[leadIndex]?.title ?? "" })}{" "}
          <button type="button" className="button button--small" onClick={() => setBrowsing(null)}>
            {t("reviews.follow.back")}
          </button>
        </p>
      ) : null}
      <div className="review-live__grid">
        <AgendaNav agenda={data.agenda} leadItem={leadItem} shownId={shownId} seconds={seconds} onOpen={open} />
        <div className="stack">
          <CarriedOver data={data} />
          {shown ? (
            <section className="card review-item" aria-labelledby="item-heading" data-shown-item={shown.id}>
              <header className="review-item__header">
                <h2 id="item-heading">{shown.title}</h2>
                <span className="review-item__timer" aria-label={t("reviews.agenda.spent")}>
                  {formatDuration(seconds(shown.id))}
                </span>
              </header>
              <ItemContext data={data} kind={shown.kind} />
              <Decisions data={data} itemId={shown.id} />
            </section>
          ) : null}
          <ReviewActions data={data} />
        </div>
        <Minutes data={data} />
      </div>
    </div>
  );
}

interface AgendaNavProps {
  agenda: ReviewPageData["agenda"];
  /** The item the lead is on. */
  leadItem: string | null;
  /** The item this person has open. */
  shownId: string | null;
  seconds: (itemId: string) => number;
  onOpen: (itemId: string) => void;
}

/** The agenda, each item with the time spent on it against the time planned. */
function AgendaNav({ agenda, leadItem, shownId, seconds, onOpen }: AgendaNavProps) {
  const t = useT();
  return (
    <nav className="review-agenda card" aria-label={t("reviews.field.agenda")}>
      <ol>
        {agenda.map((item) => {
          const spent = seconds(item.id);
          const over = spent > item.plannedMinutes * 60;
          const classes = [
            "review-agenda__item",
            item.id === leadItem ? "review-agenda__item--lead" : "",
            item.id === shownId ? "review-agenda__item--shown" : "",
          ];
          return (
            <li key={item.id} className={classes.join(" ")}>
              <button
                type="button"
                onClick={() => onOpen(item.id)}
                aria-current={item.id === shownId ? "step" : undefined}
                data-agenda-item={item.id}
              >
                <span className="review-agenda__title">{item.title}</span>
                <span className={`review-agenda__time small${over ? " review-agenda__time--over" : ""}`}>
                  {formatDuration(spent)} / {t("reviews.minutesCount", { count: item.plannedMinutes })}
                </span>
                {item.id === leadItem ? (
                  <span className="review-agenda__now small">{t("reviews.follow.now")}</span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Last quarter's open action items, shown while this review runs. */
function CarriedOver({ data }: { data: ReviewPageData }) {
  const t = useT();
  if (!data.carriedOver || data.carriedOver.items.length === 0) return null;
  return (
    <section className="card review-carried" aria-labelledby="carried-heading">
      <h2 id="carried-heading">{t("reviews.carried.fromQuarter", { quarter: data.carriedOver.quarter })}</h2>
      <ul className="action-list">
        {data.carriedOver.items.map((item) => (
          <ActionItemRow key={item.id} item={item} canEdit={data.canEdit} />
        ))}
      </ul>
    </section>
  );
}

function LeadControls({ data, leadIndex, go }: { data: ReviewPageData; leadIndex: number; go: (id: string) => void }) {
  const t = useT();
  const navigation = useNavigation();
  const previous = data.agenda[leadIndex - 1];
  const next = data.agenda[leadIndex + 1];
  return (
    <div className="review-lead-controls">
      <button type="button" className="button" disabled={!previous} onClick={() => previous && go(previous.id)}>
        ← {t("reviews.lead.previous")}
      </button>
      <button type="button" className="button button--primary" disabled={!next} onClick={() => next && go(next.id)}>
        {t("reviews.lead.next")} →
      </button>
      <Form
        method="post"
        onSubmit={(event) => {
          if (!confirm(t("reviews.close.confirm"))) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="close" />
        <button type="submit" className="button button--danger" disabled={navigation.state !== "idle"}>
          {t("reviews.close.button")}
        </button>
      </Form>
    </div>
  );
}

function Decisions({ data, itemId }: { data: ReviewPageData; itemId: string }) {
  const t = useT();
  const reply = useActionData<Reply>();
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement>(null);
  const decisions = data.decisions.filter((decision) => decision.agendaItemId === itemId);
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "decision";
  useEffect(() => {
    if (!saving && reply?.ok && reply.intent === "decision") form.current?.reset();
  }, [saving, reply]);
  return (
    <div className="review-decisions-block">
      <h3>{t("reviews.decisions.title")}</h3>
      {decisions.length === 0 ? (
        <p className="muted small">{t("reviews.decisions.noneHere")}</p>
      ) : (
        <ol className="review-decisions">
          {decisions.map((decision) => (
            <li key={decision.id}>
              <p>{decision.text}</p>
              <p className="muted small">{decision.by}</p>
            </li>
          ))}
        </ol>
      )}
      {data.canEdit ? (
        <Form method="post" ref={form} className="review-decision-form" preventScrollReset>
          <input type="hidden" name="intent" value="decision" />
          <input type="hidden" name="agendaItemId" value={itemId} />
          <input type="hidden" name="clientId" value={data.clientId} />
          <label className="field" htmlFor="decision-text">
            <span>{t("reviews.decisions.record")}</span>
            <textarea id="decision-text" name="text" rows={2} required maxLength={1000} />
          </label>
          {reply?.ok === false && reply.intent === "decision" ? (
            <p className="form-error" role="alert">
              {Object.values(reply.errors ?? {}).join(" ")}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={saving}>
            {t("reviews.decisions.submit")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function ReviewActions({ data }: { data: ReviewPageData }) {
  const t = useT();
  const reply = useActionData<Reply>();
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "action";
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    if (!saving && reply?.ok && reply.intent === "action") setFormKey((key) => key + 1);
  }, [saving, reply]);
  return (
    <section className="card" aria-labelledby="review-actions-heading">
      <h2 id="review-actions-heading">{t("reviews.actions.title")}</h2>
      {data.actions.length === 0 ? (
        <p className="muted small">{t("reviews.actions.none")}</p>
      ) : (
        <ul className="action-list">
          {data.actions.map((item) => (
            <ActionItemRow key={item.id} item={item} canEdit={data.canEdit} />
          ))}
        </ul>
      )}
      {data.canEdit ? (
        <Form method="post" className="action-form review-action-form" key={formKey} preventScrollReset>
          <h3>{t("reviews.actions.new")}</h3>
          <input type="hidden" name="intent" value="action" />
          <input type="hidden" name="clientId" value={data.clientId} />
          <ActionItemFields
            idPrefix="review-action"
            departments={data.departments}
            assignees={data.assignees}
            errors={
              reply?.ok === false && reply.intent === "action"
                ? Object.fromEntries(Object.entries(reply.errors ?? {}).map(([k, v]) => [k, [v]]))
                : undefined
            }
          />
          <button type="submit" className="button button--primary" disabled={saving}>
            {t("actions.new.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function Minutes({ data }: { data: ReviewPageData }) {
  const t = useT();
  const documentId = data.review.minutesDocId ?? "";
  const session = useCollabSession(documentId);
  const status = useSyncStatus(session, { readOnly: !data.canEdit });
  return (
    <section className="card review-minutes" aria-labelledby="minutes-heading">
      <header className="review-minutes__header">
        <h2 id="minutes-heading">{t("reviews.minutes.heading")}</h2>
        <SyncIndicator status={status} readOnly={!data.canEdit} onRetry={() => session?.retryNow()} />
      </header>
      <LazyDocumentEditor
        session={session}
        documentId={documentId}
        user={data.me}
        editable={data.canEdit && status.state !== "closed"}
        label={t("reviews.minutes.heading")}
        comments={NO_COMMENTS}
      />
    </section>
  );
}

/** The minutes are discussed in the room, not in comment threads. */
const NO_COMMENTS = {
  threads: [],
  activeId: null,
  onActivate: () => {},
  onStart: null,
  onDetached: () => {},
  onActionItem: null,
};
