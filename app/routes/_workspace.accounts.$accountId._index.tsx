import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Avatar } from "~/components/avatar";
import { LadderSteps, LifecycleBadge, TierBadge } from "~/features/accounts/stage-badges";
import { useRevalidateOn } from "~/hub/hub-context";
import { useLocale, useT } from "~/i18n/i18n";
import { ActivityFeed } from "~/features/notifications/activity-feed";
import { ApprovalBadge } from "~/features/approvals/approval-badge";
import { OnlineNow } from "~/features/team/online-now";
import { StageChangeForm } from "~/features/accounts/stage-change-form";
import { stageChangeText } from "~/features/accounts/stage-change-text";
import { listActivity, recordActivity } from "~/features/notifications/activity.server";
import { approvalStatuses } from "~/features/approvals/approval-queries.server";
import { latestResults } from "~/features/scoring-rounds/round-queries.server";
import { getAccountOverview } from "~/features/accounts/account.server";
import { createDocument } from "~/features/documents/document.server";
import { changeStage } from "~/features/accounts/stage.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { requestLocale } from "~/features/auth/locale.server";
import { DOC_KINDS, docTemplate, type DocKind } from "~/features/documents/doc-templates";
import { NewDocumentSchema } from "~/features/documents/document.schema";
import { StageChangeSchema } from "~/features/accounts/stage.schema";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import type { AccountRole } from "~/features/auth/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.name} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { access } = await requireAccountAccess(request, context, accountId);
  const account = await getAccountOverview(context.db, accountId);
  invariantResponse(account, "Account not found", 404);
  const [activity, departmentNames, approvals, results] = await Promise.all([
    listActivity(context.db, accountId),
    context.db.department.findMany({ select: { key: true, name: true, nameZh: true } }),
    approvalStatuses(
      context,
      account.documents.map((doc) => doc.id),
    ),
    latestResults(context.db, [accountId]),
  ]);
  return json({
    account,
    results: results[accountId],
    canEdit: access.canEdit,
    canLead: access.canManageTeam,
    activity,
    departmentNames,
    approvals,
    // The new-document form's id, new with every load: a double click or a resubmit creates one document.
    clientId: crypto.randomUUID(),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const fields = await formFields(request);
  if (fields.intent === "change-stage") {
    // Moving an account along its stages is the account lead's call (and an admin's).
    invariantResponse(access.canManageTeam, "Only the team lead can change the account's stage", 403);
    const stage = StageChangeSchema.safeParse(fields);
    if (!stage.success) return json({ ok: false as const, stageError: "invalid" }, { status: 400 });
    try {
      await changeStage(context, user.id, accountId, stage.data);
    } catch (error) {
      if (!(error instanceof WorkflowError)) throw error;
      const locale = await requestLocale(request, user.locale);
      return json({ ok: false as const, stageError: error.messageIn(locale) }, { status: error.status });
    }
    return json({ ok: true as const, stageError: null });
  }
  invariantResponse(access.canEdit, "Forbidden", 403);
  const parsed = NewDocumentSchema.safeParse(fields);
  if (!parsed.success) {
    return json({ errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  }
  const locale = user.locale === "zh-CN" ? "zh-CN" : "en";
  let doc;
  try {
    doc = await createDocument(context.db, {
      accountId,
      kind: parsed.data.kind,
      title: parsed.data.title,
      content: docTemplate(parsed.data.kind, locale),
      createdById: user.id,
      clientId: parsed.data.clientId,
    });
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    const errors: Partial<Record<keyof typeof parsed.data, string[]>> = { clientId: [error.messageIn(locale)] };
    return json({ errors }, { status: error.status });
  }
  // A retried submit opens the document the first one created, announced once.
  if (doc.created) {
    await recordActivity(context, {
      accountId,
      actorId: user.id,
      kind: "doc_created",
      documentId: doc.id,
      subject: parsed.data.title,
    });
  }
  return redirect(`/accounts/${accountId}/docs/${doc.id}`);
}

export default function AccountPage() {
  const { account, canEdit, canLead, activity, departmentNames, approvals, results } = useLoaderData<typeof loader>();
  useRevalidateOn("approval:changed", (change) => change.accountId === account.id);
  useRevalidateOn(
    "activity",
    (entry) =>
      entry.accountId === account.id &&
      (entry.kind === "stage_changed" || entry.kind.startsWith("member_") || entry.kind === "doc_created"),
  );
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <AccountHeader account={account} results={results} />
      <div className="account-grid">
        <section className="card" aria-labelledby="docs-heading">
          <h2 id="docs-heading">{t("account.documents")}</h2>
          <DocumentList account={account} approvals={approvals} />
          {canEdit ? <NewDocumentForm /> : <p className="muted small">{t("account.newDocument.readOnly")}</p>}
        </section>
        <section className="card" aria-labelledby="online-heading">
          <h2 id="online-heading">{t("presence.online")}</h2>
          <OnlineNow accountId={account.id} documents={account.documents} />
        </section>
        <section className="card" aria-labelledby="activity-heading">
          <h2 id="activity-heading">{t("activity.title")}</h2>
          <ActivityFeed
            accountId={account.id}
            initial={activity}
            departments={Object.fromEntries(
              departmentNames.map((d) => [d.key, locale === "zh-CN" ? d.nameZh : d.name]),
            )}
          />
        </section>
        <section className="card" aria-labelledby="team-heading">
          <div className="card__head">
            <h2 id="team-heading">{t("account.team")}</h2>
            <Link to={`/accounts/${account.id}/team`} className="small">
              {t("account.manageTeam")}
            </Link>
          </div>
          <TeamByDepartment members={account.members} />
        </section>
        <section className="card account-grid__wide" aria-labelledby="history-heading">
          <h2 id="history-heading">{t("account.stageHistory")}</h2>
          {canLead ? <StageChangeForm account={account} /> : null}
          <StageHistory changes={account.stageChanges} />
        </section>
      </div>
    </>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;
type Account = PageData["account"];

function AccountHeader({ account, results }: { account: Account; results: PageData["results"] }) {
  const t = useT();
  const locale = useLocale();
  const number = (value: number) => value.toLocaleString(locale, { maximumFractionDigits: 1, signDisplay: "auto" });
  return (
    <div className="page-title">
      <p className="breadcrumb">
        <Link to="/accounts">{t("nav.portfolio")}</Link>
      </p>
      <h1>{account.name}</h1>
      <div className="account-meta">
        <span className="muted">{account.industry}</span>
        <TierBadge tier={account.tier} />
        <LadderSteps stage={account.ladderStage} />
        <LifecycleBadge stage={account.lifecycleStage} />
        <Link to={`/accounts/${account.id}/actions`} className="button button--ghost button--small">
          {t("account.actionItems")}
        </Link>
        <Link to={`/accounts/${account.id}/kpis`} className="button button--ghost button--small">
          {t("account.kpis")}
        </Link>
        <Link to={`/accounts/${account.id}/reviews`} className="button button--ghost button--small">
          {t("account.reviews")}
        </Link>
        <Link to={`/accounts/${account.id}/assessment`} className="button button--ghost button--small">
          {t("assessment.nav")}
          {results?.meanMaturity != null && results.meanMaturityQuarter ? (
            <ResultValue
              value={number(results.meanMaturity)}
              label={t("account.result.maturity", {
                value: number(results.meanMaturity),
                quarter: results.meanMaturityQuarter,
              })}
            />
          ) : null}
        </Link>
        <Link to={`/accounts/${account.id}/value`} className="button button--ghost button--small">
          {t("netValue.nav")}
          {results?.netValue != null && results.netValueQuarter ? (
            <ResultValue
              value={number(results.netValue)}
              label={t("account.result.netValue", {
                value: number(results.netValue),
                quarter: results.netValueQuarter,
              })}
            />
          ) : null}
        </Link>
      </div>
    </div>
  );
}

/** The latest revealed result beside its page's link: the number shown, the sentence read out and on hover. */
function ResultValue({ value, label }: { value: string; label: string }) {
  return (
    <span className="account-meta__result" title={label}>
      <span aria-hidden="true">{value}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

function DocumentList({ account, approvals }: { account: Account; approvals: PageData["approvals"] }) {
  const t = useT();
  const locale = useLocale();
  return account.documents.length === 0 ? (
    <p className="muted">{t("account.documents.empty")}</p>
  ) : (
    <ul className="doc-list">
      {account.documents.map((doc) => (
        <li key={doc.id}>
          <Link to={`/accounts/${account.id}/docs/${doc.id}`} className="doc-list__item">
            <span className={`doc-kind doc-kind--${doc.kind}`}>{t(`docKind.${doc.kind as DocKind}`)}</span>
            <span className="doc-list__title">{doc.title}</span>
            <span className="muted small">{t("account.updated", { date: formatDate(doc.updatedAt, locale) })}</span>
            <ApprovalBadge status={approvals[doc.id] ?? "draft"} />
          </Link>
        </li>
      ))}
    </ul>
  );
}

function TeamByDepartment({ members }: { members: Member[] }) {
  const t = useT();
  const locale = useLocale();
  const departments = groupByDepartment(members, locale);
  return (
    <>
      {departments.length === 0 ? <p className="muted">{t("account.team.empty")}</p> : null}
      {departments.map((dept) => (
        <div key={dept.key} className="team-group">
          <h3 style={{ borderColor: dept.color }}>{dept.label}</h3>
          <ul className="people">
            {dept.members.map((member) => (
              <li key={member.id}>
                <Avatar name={member.user.name} color={dept.color} />
                <span>
                  <span className="people__name">{member.user.name}</span>
                  <span className="muted small">{t(`role.${member.role as AccountRole}`)}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function StageHistory({ changes }: { changes: Account["stageChanges"] }) {
  const t = useT();
  const locale = useLocale();
  return changes.length === 0 ? (
    <p className="muted">{t("account.stageHistory.empty")}</p>
  ) : (
    <ol className="timeline">
      {changes.map((change) => (
        <li key={change.id}>
          <time className="muted small" dateTime={change.changedAt}>
            {formatDate(change.changedAt, locale)}
          </time>
          <span className="timeline__what">{stageChangeText(t, change)}</span>
          {change.note ? <span className="timeline__note">{change.note}</span> : null}
          {change.user ? <span className="muted small">— {change.user.name}</span> : null}
        </li>
      ))}
    </ol>
  );
}

function NewDocumentForm() {
  const { clientId } = useLoaderData<typeof loader>();
  const t = useT();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "create-document";
  return (
    <Form method="post" className="new-doc">
      <h3>{t("account.newDocument")}</h3>
      <input type="hidden" name="intent" value="create-document" />
      <input type="hidden" name="clientId" value={clientId} />
      <label className="field">
        <span>{t("account.newDocument.kind")}</span>
        <select name="kind" defaultValue="roadmap">
          {DOC_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`docKind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("account.newDocument.title")}</span>
        <input
          name="title"
          required
          maxLength={160}
          placeholder={t("account.newDocument.titlePlaceholder")}
          aria-invalid={actionData && "errors" in actionData && actionData.errors.title ? true : undefined}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("account.newDocument.create")}
      </button>
    </Form>
  );
}

type Member = ReturnType<typeof useLoaderData<typeof loader>>["account"]["members"][number];

function groupByDepartment(members: Member[], locale: string) {
  const groups = new Map<string, { key: string; label: string; color: string; members: Member[] }>();
  for (const member of members) {
    const dept = member.department;
    let group = groups.get(dept.key);
    if (!group) {
      group = { key: dept.key, label: locale === "zh-CN" ? dept.nameZh : dept.name, color: dept.color, members: [] };
      groups.set(dept.key, group);
    }
    group.members.push(member);
  }
  return [...groups.values()];
}

function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric" }).format(new Date(iso));
}
