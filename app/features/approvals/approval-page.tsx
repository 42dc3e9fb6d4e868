import { Form, Link, useNavigation } from "@remix-run/react";
import { formatWhen } from "~/components/format-when";
import type { BlockChanges, BlockSet } from "~/features/blocks/block-changes";
import { DocumentBreadcrumb } from "~/features/documents/document-breadcrumb";
import { summarizeDiff, type DiffBlock } from "~/features/documents/versions/content-diff";
import { DocumentDiff } from "~/features/documents/versions/document-diff";
import { departmentLabel } from "~/features/team/types";
import { useRevalidateOn } from "~/hub/hub-context";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import { ApprovalBadge } from "./approval-badge";
import { BlockChangesList, StepBlocks, type BlockNames } from "./approval-blocks";
import { approvalStepName } from "./approval-text";
import { EXECUTIVE_STEP, type ApprovalDecision, type ApprovalStatus } from "./approval.schema";

/** One approval round as the page shows it (dates as ISO strings, steps in department order). */
export interface ApprovalRoundView {
  id: string;
  status: string;
  note: string | null;
  contentHash: string;
  requestedBy: string;
  createdAt: string;
  version: { id: string; name: string };
  steps: {
    id: string;
    /** The department's key, or the executive step's. */
    key: string;
    department: { name: string; nameZh: string; color: string } | null;
    decision: ApprovalDecision | "pending";
    decider: string | null;
    comment: string | null;
    decidedAt: string | null;
  }[];
}

/** What the approval page's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface ApprovalPageData {
  doc: { id: string; title: string; account: { id: string; name: string } };
  status: ApprovalStatus;
  current: ApprovalRoundView | null;
  history: ApprovalRoundView[];
  /** The departments on the team that can be asked to sign. */
  departments: { key: string; name: string; nameZh: string }[];
  executiveRequired: boolean;
  canRequest: boolean;
  /** The current round's steps this user may decide now, by key. */
  signable: string[];
  /** Who may still sign each pending step, by name (step id → names). */
  signers: Record<string, string[]>;
  /**
   * Per step key, the initiatives and rights of the current round's version
   * that step signs for; null without a round or when the version has no blocks.
   */
  stepBlocks: Record<string, BlockSet> | null;
  blockNames: BlockNames;
  /** What changed since the approved version, when it did: its text and its blocks. */
  changes: { text: DiffBlock[]; blocks: BlockChanges } | null;
  /** The request form's id, new with every load. */
  clientId: string;
}

/** What the page's action answered, if it just did: a refusal carries its message. */
export type ApprovalReply = { ok: false; error: string } | { ok: true; error: null } | undefined;

export function ApprovalPage({ data, reply: result }: { data: ApprovalPageData; reply: ApprovalReply }) {
  const { doc, status, current, history, changes } = data;
  const t = useT();
  useRevalidateOn("approval:changed", (change) => change.documentId === doc.id);
  return (
    <div className="versions-page">
      <div className="page-title">
        <DocumentBreadcrumb doc={doc} />
        <h1>
          {t("approval.title")} <ApprovalBadge status={status} />
        </h1>
        <p className="muted">{t("approval.subtitle")}</p>
      </div>
      {result && !result.ok ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <div className="versions-grid">
        <section className="card" aria-labelledby="round-heading">
          <h2 id="round-heading">{t("approval.current")}</h2>
          {current ? (
            <Round
              doc={doc}
              round={current}
              signable={data.signable}
              signers={data.signers}
              blocks={data.stepBlocks}
              names={data.blockNames}
            />
          ) : (
            <p className="empty-state">{t("approval.none")}</p>
          )}
          {data.canRequest ? <RequestForm data={data} /> : null}
        </section>
        <section className="card" aria-labelledby="trail-heading">
          {changes ? (
            <div className="changed-since">
              <h2>{t("approval.changedSince")}</h2>
              {data.stepBlocks || changes.blocks.initiatives.length + changes.blocks.rights.length > 0 ? (
                <>
                  <h3>{t("approval.blocks.changed")}</h3>
                  <BlockChangesList changes={changes.blocks} names={data.blockNames} />
                  <h3>{t("approval.blocks.textChanged")}</h3>
                </>
              ) : null}
              <p className="muted small">{t("approval.changedSummary", summarizeDiff(changes.text))}</p>
              <DocumentDiff blocks={changes.text} />
            </div>
          ) : null}
          <h2 id="trail-heading">{t("approval.trail")}</h2>
          {history.length === 0 ? (
            <p className="empty-state">{t("approval.trailEmpty")}</p>
          ) : (
            history.map((round) => (
              <Round key={round.id} doc={doc} round={round} signable={[]} signers={{}} blocks={null} names={null} />
            ))
          )}
        </section>
      </div>
    </div>
  );
}

function Round({
  doc,
  round,
  signable,
  signers,
  blocks,
  names,
}: {
  doc: ApprovalPageData["doc"];
  round: ApprovalRoundView;
  signable: string[];
  signers: Record<string, string[]>;
  /** What each step signs for; only the current round shows it. */
  blocks: ApprovalPageData["stepBlocks"];
  names: BlockNames | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="round">
      <p className="small">
        <strong>{t(`approval.status.${round.status}` as MessageKey)}</strong> ·{" "}
        {t("approval.requestedBy", { name: round.requestedBy })} ·{" "}
        <time dateTime={round.createdAt} suppressHydrationWarning>
          {formatWhen(round.createdAt, locale)}
        </time>{" "}
        ·{" "}
        <Link to={`/accounts/${doc.account.id}/docs/${doc.id}/versions?view=${round.version.id}`}>
          {t("approval.readVersion")}
        </Link>{" "}
        <code title={round.contentHash}>{round.contentHash.slice(0, 8)}</code>
      </p>
      {round.note ? <p className="round__note">{round.note}</p> : null}
      <ol className="steps">
        {round.steps.map((step) => (
          <li key={step.id} className={`step step--${step.decision}`}>
            <span className="step__who">
              <span className="step__swatch" style={{ background: step.department?.color ?? "#db2777" }} />
              {approvalStepName(t, locale, step)}
            </span>
            <span className="step__decision">{t(`approval.decision.${step.decision}` as MessageKey)}</span>
            {step.decider ? (
              <span className="muted small">
                {step.decider}
                {step.decidedAt ? ` · ${formatWhen(step.decidedAt, locale)}` : ""}
              </span>
            ) : null}
            {step.comment ? <q className="step__comment">{step.comment}</q> : null}
            {signers[step.id] ? (
              <span className="step__signers muted small" data-signers={step.key}>
                {signers[step.id].length > 0
                  ? t("approval.maySign", { names: signers[step.id].join(", ") })
                  : t("approval.nobodyMaySign")}
              </span>
            ) : null}
            {blocks?.[step.key] && names ? (
              <StepBlocks
                blocks={blocks[step.key]}
                names={names}
                departmentName={approvalStepName(t, locale, step)}
                open={signable.includes(step.key)}
                executive={step.key === EXECUTIVE_STEP}
              />
            ) : null}
            {signable.includes(step.key) ? <DecideForm requestId={round.id} step={step.key} /> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function DecideForm({ requestId, step }: { requestId: string; step: string }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.formData?.get("step") === step;
  return (
    <Form method="post" className="decide-form">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="step" value={step} />
      <label className="field">
        <span>{t("approval.comment")}</span>
        <input name="comment" maxLength={1000} placeholder={t("approval.commentPlaceholder")} />
      </label>
      <div className="decide-form__buttons">
        <button type="submit" name="decision" value="approved" className="button button--primary" disabled={busy}>
          {t("approval.approve")}
        </button>
        <button type="submit" name="decision" value="changes_requested" className="button" disabled={busy}>
          {t("approval.requestChanges")}
        </button>
        <button type="submit" name="decision" value="rejected" className="button button--ghost" disabled={busy}>
          {t("approval.reject")}
        </button>
      </div>
    </Form>
  );
}

function RequestForm({ data }: { data: ApprovalPageData }) {
  const t = useT();
  const locale = useLocale();
  const { departments, executiveRequired: required, current, clientId } = data;
  const navigation = useNavigation();
  const busy = navigation.formData?.get("intent") === "request-approval";
  return (
    // A new key per round: the form starts over (default departments, no note) after each request.
    <Form method="post" className="request-form" key={current?.id ?? "first"}>
      <h3>{current ? t("approval.requestAgain") : t("approval.request")}</h3>
      <input type="hidden" name="intent" value="request-approval" />
      <input type="hidden" name="clientId" value={clientId} />
      <fieldset>
        <legend>{t("approval.departments")}</legend>
        {departments.map((department) => (
          <label key={department.key} className="check">
            <input type="checkbox" name="departments" value={department.key} defaultChecked />
            {departmentLabel(department, locale)}
          </label>
        ))}
        <label className="check">
          <input type="checkbox" name="executive" defaultChecked={required} disabled={required} />
          {t("approval.executiveFinal")}
          {required ? <span className="muted small"> — {t("approval.executiveRequired")}</span> : null}
        </label>
        {required ? <input type="hidden" name="executive" value="on" /> : null}
      </fieldset>
      <label className="field">
        <span>{t("approval.note")}</span>
        <input name="note" maxLength={500} placeholder={t("approval.notePlaceholder")} />
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("approval.send")}
      </button>
      <p className="muted small">{t("approval.sendHint")}</p>
    </Form>
  );
}
