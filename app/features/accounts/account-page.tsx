import { Form, Link, useNavigation } from "@remix-run/react";
import { Avatar } from "~/components/avatar";
import { dateFormat, numberFormat } from "~/components/intl";
import { ApprovalBadge } from "~/features/approvals/approval-badge";
import type { ApprovalStatus } from "~/features/approvals/approval.schema";
import { DOC_KINDS, type DocKind } from "~/features/documents/doc-templates";
import { ActivityFeed } from "~/features/notifications/activity-feed";
import type { LatestResult } from "~/features/scoring-rounds/rounds";
import { OnlineNow } from "~/features/team/online-now";
import { useRevalidateOn } from "~/hub/hub-context";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import type { AccountBasics } from "~/shared/domain";
import type { ActivityPayload } from "~/shared/hub";
import { LadderSteps, LifecycleBadge, TierBadge } from "./stage-badges";
import { CurrencyForm } from "./currency-form";
import { StageChangeForm } from "./stage-change-form";
import { stageChangeText } from "./stage-change-text";

/** What the account page's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface AccountPageData {
  account: AccountBasics & {
    /** ISO 4217: the currency its money figures are shown in. */
    currency: string;
    members: {
      id: string;
      role: string;
      user: { id: string; name: string; email: string };
      department: { key: string; name: string; nameZh: string; color: string };
    }[];
    documents: { id: string; kind: string; title: string; updatedAt: string }[];
    stageChanges: {
      id: string;
      field: string;
      fromValue: string | null;
      toValue: string;
      note: string;
      changedAt: string;
      user: { name: string } | null;
    }[];
  };
  canEdit: boolean;
  canLead: boolean;
  activity: { entries: ActivityPayload[]; older: string | null };
  departmentNames: { key: string; name: string; nameZh: string }[];
  approvals: Record<string, ApprovalStatus>;
  results: LatestResult | undefined;
  clientId: string;
}

/** What the new-document form hears back when it fails. */
export type AccountPageReply = { errors: Partial<Record<"kind" | "title" | "clientId", string[]>> } | { ok: boolean };

export function AccountPage({ data, reply }: { data: AccountPageData; reply: AccountPageReply | undefined }) {
  const { account, canEdit, canLead, activity, departmentNames, approvals, results, clientId } = data;
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
          {canEdit ? (
            <NewDocumentForm clientId={clientId} reply={reply} />
          ) : (
            <p className="muted small">{t("account.newDocument.readOnly")}</p>
          )}
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
        <section className="card account-grid__wide" aria-labelledby="currency-heading">
          <h2 id="currency-heading">{t("account.currency.title")}</h2>
          {canLead ? (
            <CurrencyForm currency={account.currency} />
          ) : (
            <p className="muted small">{t("account.currency.current", { currency: account.currency })}</p>
          )}
        </section>
      </div>
    </>
  );
}

type Account = AccountPageData["account"];

function AccountHeader({ account, results }: { account: Account; results: AccountPageData["results"] }) {
  const t = useT();
  const locale = useLocale();
  const number = (value: number) =>
    numberFormat(locale, { maximumFractionDigits: 1, signDisplay: "auto" }).format(value);
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
        <Link to={`/accounts/${account.id}/roadmap`} className="button button--ghost button--small">
          {t("blocks.nav.timeline")}
        </Link>
        <Link to={`/accounts/${account.id}/rights`} className="button button--ghost button--small">
          {t("blocks.nav.scorecard")}
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

function DocumentList({ account, approvals }: { account: Account; approvals: AccountPageData["approvals"] }) {
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
                  <span className="muted small">{t(`role.${member.role}` as MessageKey)}</span>
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

function NewDocumentForm({ clientId, reply }: { clientId: string; reply: AccountPageReply | undefined }) {
  const t = useT();
  const navigation = useNavigation();
  const actionData = reply;
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

type Member = Account["members"][number];

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
  return dateFormat(locale, { year: "numeric", month: "short", day: "numeric" }).format(new Date(iso));
}
