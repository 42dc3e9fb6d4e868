import { OlderPager } from "~/components/older-pager";
import { versionDisplayName } from "./version-name";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { formatWhen } from "~/components/format-when";
import { useRevalidateOn } from "~/hub/hub-context";
import { BlockChangesList, type BlockNames } from "~/features/approvals/approval-blocks";
import { countChanges, type BlockChanges } from "~/features/blocks/block-changes";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import { DocumentBreadcrumb } from "../document-breadcrumb";
import { summarizeDiff, type DiffBlock } from "./content-diff";
import { DocumentDiff } from "./document-diff";

/** The version on view (`from` = `to`), or two compared; "now" is the document as it is. */
export interface ShownVersion {
  mode: "view" | "compare";
  from: string;
  to: string;
  blocks: DiffBlock[];
  /** Compared versions: the initiatives and rights added, removed or changed, field by field. */
  blockChanges: BlockChanges | null;
}

/** What the versions page's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface VersionsPageData {
  doc: { id: string; title: string; account: { id: string; name: string } };
  canEdit: boolean;
  /** One page of the versions, newest first. */
  versions: {
    id: string;
    name: string;
    reason: string;
    contentHash: string;
    createdAt: string;
    createdBy: string | null;
  }[];
  /** The next (older) page's cursor; null on the last page. */
  older: string | null;
  /** Whether this is an older page (so a way back to the newest is offered). */
  paged: boolean;
  /** What the compare form offers: the page's versions and the ones on view. */
  choices: { id: string; name: string }[];
  nowHash: string;
  shown: ShownVersion | null;
  /** Names for the department and KPI keys of changed blocks; sent with a comparison. */
  blockNames: BlockNames | null;
  /** The save form's id, new with every load. */
  clientId: string;
}

/** What saving or restoring answered, if the page just did. */
export type VersionReply = { ok: boolean } | undefined;

export function VersionsPage({ data, reply }: { data: VersionsPageData; reply: VersionReply }) {
  const { doc, canEdit, versions, older, paged, choices, nowHash, shown, blockNames, clientId } = data;
  const t = useT();
  const [params] = useSearchParams();
  useRevalidateOn("versions:changed", (change) => change.documentId === doc.id);
  const base = `/accounts/${doc.account.id}/docs/${doc.id}/versions`;
  // Paging keeps what is on view; the view and compare links keep the page.
  const withPage = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set("older", cursor);
    else next.delete("older");
    return `?${next.toString()}`;
  };
  const pageQuery = paged ? `&older=${encodeURIComponent(params.get("older") ?? "")}` : "";

  return (
    <div className="versions-page">
      <div className="page-title">
        <DocumentBreadcrumb doc={doc} />
        <h1>{t("versions.title")}</h1>
        <p className="muted">{t("versions.subtitle")}</p>
      </div>
      <div className="versions-grid">
        <section className="card" aria-labelledby="versions-list">
          <h2 id="versions-list">{t("versions.list")}</h2>
          {canEdit ? <SaveVersionForm clientId={clientId} reply={reply} /> : null}
          {versions.length === 0 ? (
            <p className="empty-state">{t("versions.empty")}</p>
          ) : (
            <ol className="version-list">
              {versions.map((version) => (
                <VersionItem
                  key={version.id}
                  version={version}
                  base={base}
                  pageQuery={pageQuery}
                  nowHash={nowHash}
                  canEdit={canEdit}
                />
              ))}
            </ol>
          )}
          <OlderPager
            label={t("versions.pages")}
            older={older}
            paged={paged}
            to={withPage}
            newest={t("versions.newest")}
            olderText={t("versions.older")}
          />
        </section>
        <section className="card versions-shown" aria-labelledby="versions-shown">
          <CompareForm versions={choices} />
          {shown ? (
            <ShownVersions shown={shown} versions={choices} names={blockNames} />
          ) : (
            <p className="empty-state">{t("versions.pick")}</p>
          )}
        </section>
      </div>
    </div>
  );
}

type Version = VersionsPageData["versions"][number];

interface VersionItemProps {
  version: Version;
  /** The versions page's path, for the view and compare links. */
  base: string;
  /** `&older=…` when on an older page, so that viewing a version stays on it. */
  pageQuery: string;
  nowHash: string;
  canEdit: boolean;
}

function VersionItem({ version, base, pageQuery, nowHash, canEdit }: VersionItemProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="version">
      <div className="version__head">
        <strong>{versionDisplayName(t, version.name)}</strong>
        <span className={`badge version__reason version__reason--${version.reason}`}>
          {t(`versions.reason.${version.reason}` as MessageKey)}
        </span>
        {version.contentHash === nowHash ? (
          <span className="badge version__current">{t("versions.sameAsNow")}</span>
        ) : null}
      </div>
      <span className="muted small">
        {version.createdBy ?? t("activity.someone")} ·{" "}
        <time dateTime={version.createdAt} suppressHydrationWarning>
          {formatWhen(version.createdAt, locale)}
        </time>{" "}
        · <code title={version.contentHash}>{version.contentHash.slice(0, 8)}</code>
      </span>
      <div className="version__actions">
        <Link to={`${base}?view=${version.id}${pageQuery}`} className="button button--ghost button--small">
          {t("versions.view")}
        </Link>
        <Link to={`${base}?from=${version.id}&to=now${pageQuery}`} className="button button--ghost button--small">
          {t("versions.compareNow")}
        </Link>
        {canEdit ? <RestoreButton versionId={version.id} /> : null}
      </div>
    </li>
  );
}

/** Which two versions to compare; the URL holds the choice, so a comparison can be linked. */
function CompareForm({ versions }: { versions: { id: string; name: string }[] }) {
  const t = useT();
  const [params] = useSearchParams();
  // Comparing keeps the list on the page it was on.
  const older = params.get("older");
  return (
    <Form method="get" className="compare-form">
      <h2 id="versions-shown">{t("versions.compare")}</h2>
      {older ? <input type="hidden" name="older" value={older} /> : null}
      <label className="field">
        <span>{t("versions.from")}</span>
        <select name="from" defaultValue={params.get("from") ?? versions[0]?.id ?? "now"}>
          <VersionOptions versions={versions} />
        </select>
      </label>
      <label className="field">
        <span>{t("versions.to")}</span>
        <select name="to" defaultValue={params.get("to") ?? "now"}>
          <VersionOptions versions={versions} />
        </select>
      </label>
      <button type="submit" className="button">
        {t("versions.show")}
      </button>
    </Form>
  );
}

/** The version on view, or what changed between the two compared and how much. */
function ShownVersions({
  shown,
  versions,
  names,
}: {
  shown: ShownVersion;
  versions: { id: string; name: string }[];
  names: BlockNames | null;
}) {
  const t = useT();
  const label = (id: string) =>
    id === "now"
      ? t("versions.now")
      : versionDisplayName(t, versions.find((v) => v.id === id)?.name ?? t("versions.unknown"));
  const summary = shown.mode === "compare" ? summarizeDiff(shown.blocks) : null;
  return (
    <>
      <p className="versions-shown__title">
        {shown.mode === "view"
          ? t("versions.viewing", { name: label(shown.from) })
          : t("versions.comparing", { from: label(shown.from), to: label(shown.to) })}
      </p>
      {summary ? (
        <p className="muted small" role="status">
          {summary.added + summary.removed + summary.changed === 0
            ? t("versions.noChanges")
            : t("versions.summary", summary)}
        </p>
      ) : null}
      {shown.blockChanges && names && hasChanges(shown.blockChanges) ? (
        <div className="versions-blocks">
          <h3>{t("approval.blocks.changed")}</h3>
          <BlockChangesList changes={shown.blockChanges} names={names} />
          <h3>{t("approval.blocks.textChanged")}</h3>
        </div>
      ) : null}
      <DocumentDiff blocks={shown.blocks} />
    </>
  );
}

function hasChanges(changes: BlockChanges): boolean {
  const counts = countChanges(changes);
  return counts.added + counts.removed + counts.changed > 0;
}

function VersionOptions({ versions }: { versions: { id: string; name: string }[] }) {
  const t = useT();
  return (
    <>
      <option value="now">{t("versions.now")}</option>
      {versions.map((version) => (
        <option key={version.id} value={version.id}>
          {versionDisplayName(t, version.name)}
        </option>
      ))}
    </>
  );
}

function SaveVersionForm({ clientId, reply: result }: { clientId: string; reply: VersionReply }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.formData?.get("intent") === "save-version";
  return (
    <Form method="post" className="save-version" key={result?.ok ? "saved" : "editing"}>
      <input type="hidden" name="intent" value="save-version" />
      <input type="hidden" name="clientId" value={clientId} />
      <label className="field">
        <span>{t("versions.name")}</span>
        <input name="name" required maxLength={120} placeholder={t("versions.namePlaceholder")} />
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t("versions.saving") : t("versions.save")}
      </button>
      {result && !result.ok ? (
        <p className="form-error" role="alert">
          {t("versions.error")}
        </p>
      ) : null}
    </Form>
  );
}

function RestoreButton({ versionId }: { versionId: string }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const navigation = useNavigation();
  const busy = navigation.formData?.get("versionId") === versionId;
  if (!confirming) {
    return (
      <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(true)}>
        {t("versions.restore")}
      </button>
    );
  }
  return (
    <Form method="post" className="version__confirm" onSubmit={() => setConfirming(false)}>
      <input type="hidden" name="intent" value="restore-version" />
      <input type="hidden" name="versionId" value={versionId} />
      <span className="small">{t("versions.restoreConfirm")}</span>
      <button type="submit" className="button button--small" disabled={busy} autoFocus>
        {t("versions.restoreYes")}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(false)}>
        {t("comments.cancel")}
      </button>
    </Form>
  );
}
