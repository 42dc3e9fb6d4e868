import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { RelativeTime } from "~/components/relative-time";
import { approvalDecisionText } from "~/features/approvals/approval-text";
import { stageChangeText } from "~/features/accounts/stage-change-text";
import { memberPlace } from "~/features/team/member-place";
import { versionDisplayName } from "~/features/documents/versions/version-name";
import { useHubEvent } from "~/hub/hub-context";
import { useT, type MessageKey, type Translate } from "~/i18n/i18n";
import { isActionStatus } from "~/features/action-items/action-item.schema";
import { decodeStageChange } from "~/features/accounts/stage-change";
import type { ActivityKind, ActivityPayload } from "~/shared/hub";

const ICONS: Record<ActivityKind, string> = {
  doc_created: "＋",
  doc_edited: "✎",
  comment: "“",
  mention: "@",
  stage_changed: "↗",
  member_added: "+",
  member_removed: "−",
  member_changed: "⇄",
  action_created: "☐",
  action_updated: "☑",
  version_saved: "◆",
  version_restored: "↺",
  approval_requested: "✍",
  approval_decided: "✔",
  kpis_updated: "▤",
  review_scheduled: "◷",
  review_started: "▶",
  review_closed: "■",
  round_opened: "◎",
  round_revealed: "◉",
};

/** Live entries kept above the loaded ones; older ones stay reachable with "Show older". */
const SHOWN = 40;

interface FeedPage {
  entries: ActivityPayload[];
  older: string | null;
}

/**
 * The account's feed: its latest page loaded with the page, kept current by
 * the hub (a coalesced entry moves to the top), and older pages on request.
 */
export function ActivityFeed({
  accountId,
  initial,
  departments,
}: {
  accountId: string;
  initial: FeedPage;
  /** Department names by key, in the reader's language. */
  departments: Record<string, string>;
}) {
  const t = useT();
  const [recent, setRecent] = useState(initial.entries);
  // Pages loaded with "Show older", oldest last; a reload of the page keeps them.
  const [earlier, setEarlier] = useState<FeedPage | null>(null);
  // Coalesced edits come back with the same id: the entry moves to the top instead of repeating.
  const [fresh, setFresh] = useState<string | null>(null);
  const more = useFetcher<FeedPage>();
  useEffect(() => setRecent(initial.entries), [initial]);
  useEffect(() => {
    const page = more.data;
    if (!page) return;
    setEarlier((known) => ({ entries: [...(known?.entries ?? []), ...page.entries], older: page.older }));
  }, [more.data]);
  useHubEvent("activity", (entry) => {
    if (entry.accountId !== accountId) return;
    setRecent((known) => [entry, ...known.filter((e) => e.id !== entry.id)].slice(0, SHOWN));
    setFresh(entry.id);
  });
  const shown = new Set(recent.map((entry) => entry.id));
  const entries = [...recent, ...(earlier?.entries ?? []).filter((entry) => !shown.has(entry.id))];
  const older = earlier ? earlier.older : initial.older;

  if (entries.length === 0) return <p className="empty-state">{t("activity.empty")}</p>;
  return (
    <>
      <ol className="feed" aria-live="polite">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.id === fresh ? "feed__fresh" : undefined}>
            <span className="feed__icon" aria-hidden="true">
              {ICONS[entry.kind]}
            </span>
            <span>
              {entry.documentId && entry.kind !== "mention" ? (
                <Link to={`/accounts/${accountId}/docs/${entry.documentId}`} className="strong-link">
                  {sentence(t, entry)}
                </Link>
              ) : entry.kind.startsWith("review_") && entry.detail ? (
                // Review entries keep the review's id in detail.
                <Link to={`/accounts/${accountId}/reviews/${entry.detail}`} className="strong-link">
                  {sentence(t, entry)}
                </Link>
              ) : (
                sentence(t, entry)
              )}
            </span>
            <span className="feed__detail">
              <RelativeTime iso={entry.updatedAt} />
              {extra(t, entry, departments)}
            </span>
          </li>
        ))}
      </ol>
      {older ? (
        <button
          type="button"
          className="button button--ghost feed__older"
          disabled={more.state !== "idle"}
          onClick={() => more.load(`/accounts/${accountId}/activity?before=${encodeURIComponent(older)}`)}
        >
          {t(more.state === "idle" ? "activity.older" : "activity.loadingOlder")}
        </button>
      ) : null}
    </>
  );
}

/** The short second line: edit count, comment excerpt, team place or new status, in the reader's words. */
function extra(t: Translate, entry: ActivityPayload, departments: Record<string, string>): string {
  if (entry.kind === "doc_edited") return ` · ${t("activity.edits", { count: entry.count })}`;
  if (entry.kind === "comment" && entry.detail) return ` · ${entry.detail}`;
  if (entry.kind.startsWith("member_")) {
    const place = memberPlace(t, entry.detail, departments);
    return place ? ` · ${place}` : "";
  }
  if (entry.kind === "action_updated" && isActionStatus(entry.detail)) {
    return ` · ${t(`actions.status.${entry.detail}`)}`;
  }
  if (entry.kind === "approval_decided") return ` · ${approvalDecisionText(t, entry.detail, departments)}`;
  if (entry.kind.startsWith("version_") && entry.detail) return ` · ${versionDisplayName(t, entry.detail)}`;
  if ((entry.kind === "action_created" || entry.kind === "approval_requested") && entry.detail) {
    return ` · ${entry.detail}`;
  }
  // A stage change keeps its note as the subject and the change itself, as keys, in detail.
  if (entry.kind === "stage_changed" && entry.subject) return ` · ${entry.subject}`;
  return "";
}

function sentence(t: Translate, entry: ActivityPayload): string {
  const stage = entry.kind === "stage_changed" ? decodeStageChange(entry.detail) : null;
  return t(`activity.${entry.kind}` as MessageKey, {
    actor: entry.actorName ?? t("activity.someone"),
    subject: stage ? stageChangeText(t, stage) : entry.subject,
    detail: entry.detail,
  });
}
