import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ApprovalBadge } from "~/features/approvals/approval-badge";
import { DocumentBreadcrumb } from "~/features/documents/document-breadcrumb";
import { formatWhen } from "~/components/format-when";
import { DocumentDiff } from "~/features/documents/versions/document-diff";
import { useRevalidateOn } from "~/hub/hub-context";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { decideApproval, requestApproval } from "~/features/approvals/approval-commands.server";
import {
  approvalState,
  signersByStep,
  signingRound,
  teamDepartments,
  teamMembership,
} from "~/features/approvals/approval-queries.server";
import { executiveRequired, mayDecideNow } from "~/features/approvals/approval-rules";
import { getDocumentMeta } from "~/features/documents/document.server";
import { currentContent, versionContent } from "~/features/documents/version.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { workspaceSettings } from "~/features/approvals/workspace-settings.server";
import { diffContent, summarizeDiff } from "~/features/documents/versions/content-diff";
import { ApprovalIntentSchema } from "~/features/approvals/approval.schema";
import { approvalStepName } from "~/features/approvals/approval-text";
import { departmentLabel } from "~/features/team/types";
import versionStyles from "~/features/documents/versions/versions.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: versionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.title} · Approval · Keyroom` : "Keyroom" },
];

async function documentFor(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  return { ...doc, accountId: doc.account.id };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await documentFor(context, params);
  const [state, departments, membership, settings] = await Promise.all([
    approvalState(context, doc.id),
    teamDepartments(context.db, doc.accountId),
    teamMembership(context.db, doc.accountId, user.id),
    workspaceSettings(context.db),
  ]);
  const current = state.current;
  let signable: string[] = [];
  // Who may still sign each pending step, by name (step id → names).
  let signers: Record<string, string[]> = {};
  if (current?.status === "in_review") {
    const round = await signingRound(context.db, doc.accountId, current.requestedById);
    const pending = current.steps.filter((s) => s.decision === "pending");
    signers = await signersByStep(context.db, doc.accountId, round, pending);
    signable = pending
      .filter((s) => mayDecideNow(s, current.steps, user, membership, round, settings))
      .map((s) => s.key);
  }
  // "Changed since approved" shows what changed: the approved version against now.
  let changes = null;
  if (state.status === "approved_changed" && current) {
    const approved = await versionContent(context.db, doc.id, current.version.id);
    changes = diffContent(approved, (await currentContent(context, doc.id)).content);
  }
  return json({
    doc,
    status: state.status,
    current,
    history: state.history.filter((round) => round.id !== current?.id),
    departments,
    executiveRequired: executiveRequired(doc.kind),
    canRequest: access.canEdit,
    signable,
    signers,
    changes,
    // The request form's id, new with every load: a double click or a resubmit opens one round.
    clientId: crypto.randomUUID(),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await documentFor(context, params);
  const locale = await requestLocale(request, user.locale);
  const parsed = ApprovalIntentSchema.safeParse(await formFields(request, { lists: ["departments"] }));
  if (!parsed.success) {
    return json({ ok: false as const, error: translate(locale, "approval.error.invalid") }, { status: 400 });
  }
  try {
    if (parsed.data.intent === "request-approval") {
      invariantResponse(access.canEdit, "Only the team can send a document for approval", 403);
      await requestApproval(context, user, doc, parsed.data);
    } else {
      await decideApproval(context, user, doc, parsed.data);
    }
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    return json({ ok: false as const, error: error.messageIn(locale) }, { status: error.status });
  }
  return json({ ok: true as const, error: null });
}

export default function ApprovalPage() {
  const data = useLoaderData<typeof loader>();
  const { doc, status, current, history, changes } = data;
  const t = useT();
  const result = useActionData<typeof action>();
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
            <Round round={current} signable={data.signable} signers={data.signers} />
          ) : (
            <p className="empty-state">{t("approval.none")}</p>
          )}
          {data.canRequest ? <RequestForm /> : null}
        </section>
        <section className="card" aria-labelledby="trail-heading">
          {changes ? (
            <>
              <h2>{t("approval.changedSince")}</h2>
              <p className="muted small">{t("approval.changedSummary", summarizeDiff(changes))}</p>
              <DocumentDiff blocks={changes} />
            </>
          ) : null}
          <h2 id="trail-heading">{t("approval.trail")}</h2>
          {history.length === 0 ? (
            <p className="empty-state">{t("approval.trailEmpty")}</p>
          ) : (
            history.map((round) => <Round key={round.id} round={round} signable={[]} signers={{}} />)
          )}
        </section>
      </div>
    </div>
  );
}

type RoundView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["current"]>;

function Round({
  round,
  signable,
  signers,
}: {
  round: RoundView;
  signable: string[];
  signers: Record<string, string[]>;
}) {
  const t = useT();
  const locale = useLocale();
  const { doc } = useLoaderData<typeof loader>();
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

function RequestForm() {
  const t = useT();
  const locale = useLocale();
  const { departments, executiveRequired: required, current, clientId } = useLoaderData<typeof loader>();
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
