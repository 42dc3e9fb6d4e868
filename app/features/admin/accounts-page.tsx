import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";
import { FormMessage, SelectField, TextField, useSubmitting } from "./admin-fields";
import { refusalFor, type AdminReply } from "./admin-reply";

interface AccountRow {
  id: string;
  name: string;
  industry: string;
  tier: string;
  archivedAt: string | null;
  leads: Array<{ id: string; name: string }>;
  teamSize: number;
}

interface Person {
  id: string;
  name: string;
  email: string;
}

type Reply = AdminReply<{ id: string }>;

/** Accounts: create one with its owner, archive and bring back, hand the lead to someone else. */
export function AccountsPage() {
  const { accounts, people } = useLoaderData<{ accounts: AccountRow[]; people: Person[] }>();
  const reply = useActionData<Reply>();
  const t = useT();
  return (
    <div className="admin__sections">
      <CreateAccount people={people} reply={reply} />
      <section className="card" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{t("admin.accounts.title")}</h2>
        {accounts.length === 0 ? <p className="muted">{t("admin.accounts.none")}</p> : null}
        <ul className="admin__list">
          {accounts.map((account) => (
            <AccountItem key={account.id} account={account} people={people} reply={reply} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function CreateAccount({ people, reply }: { people: Person[]; reply: Reply | undefined }) {
  const t = useT();
  const failed = refusalFor(reply, "create");
  const made = reply?.ok && reply.intent === "create" ? reply : null;
  const busy = useSubmitting("create");
  return (
    <section className="card" aria-labelledby="create-account-heading">
      <h2 id="create-account-heading">{t("admin.accounts.create.title")}</h2>
      <Form method="post" className="admin__form" key={made?.id}>
        <input type="hidden" name="intent" value="create" />
        <div className="admin__grid">
          <TextField
            id="account-name"
            name="name"
            label={t("admin.accounts.name")}
            required
            maxLength={120}
            error={failed?.fieldErrors.name}
          />
          <TextField
            id="account-industry"
            name="industry"
            label={t("admin.accounts.industry")}
            maxLength={80}
            error={failed?.fieldErrors.industry}
          />
          <SelectField id="account-tier" name="tier" label={t("admin.accounts.tier")} defaultValue="growth">
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(`tier.${tier}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="account-ladder" name="ladderStage" label={t("admin.accounts.ladder")}>
            {LADDER_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`ladder.${stage}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="account-lifecycle" name="lifecycleStage" label={t("admin.accounts.lifecycle")}>
            {LIFECYCLE_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`lifecycle.${stage}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="account-owner"
            name="ownerEmail"
            type="email"
            label={t("admin.accounts.owner")}
            list="account-owner-people"
            required
            autoComplete="off"
            error={failed?.fieldErrors.ownerEmail}
          />
          <datalist id="account-owner-people">
            {people.map((person) => (
              <option key={person.id} value={person.email}>
                {person.name}
              </option>
            ))}
          </datalist>
        </div>
        <FormMessage error={failed?.error} done={made ? t("admin.accounts.created") : null} />
        {made?.id ? (
          <p className="small">
            <Link to={`/accounts/${made.id}`}>{t("admin.accounts.open")}</Link>
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("admin.accounts.create.submit")}
        </button>
      </Form>
    </section>
  );
}

function AccountItem({ account, people, reply }: { account: AccountRow; people: Person[]; reply: Reply | undefined }) {
  const t = useT();
  const archived = account.archivedAt !== null;
  const transferring = useSubmitting("transfer", account.id);
  const failed =
    refusalFor(reply, "transfer", account.id) ??
    refusalFor(reply, "archive", account.id) ??
    refusalFor(reply, "unarchive", account.id);
  const transferred = reply?.ok && reply.intent === "transfer" && reply.id === account.id;
  const leadIds = new Set(account.leads.map((lead) => lead.id));
  return (
    <li className={`admin__row admin__row--wrap${archived ? " admin__row--archived" : ""}`}>
      <div className="admin__row-main">
        <Link to={`/accounts/${account.id}`}>
          <strong>{account.name}</strong>
        </Link>{" "}
        <span className={`badge badge--tier-${account.tier}`}>{t(`tier.${account.tier as "key"}`)}</span>
        {archived ? <span className="badge badge--muted">{t("admin.archived")}</span> : null}
        <div className="muted small">
          {account.industry ? `${account.industry} · ` : ""}
          {t("admin.accounts.leads", {
            names: account.leads.map((lead) => lead.name).join(", ") || "—",
            count: account.teamSize,
          })}
        </div>
      </div>
      <Form method="post" className="admin__inline-form">
        <input type="hidden" name="intent" value="transfer" />
        <input type="hidden" name="id" value={account.id} />
        <SelectField
          id={`account-${account.id}-lead`}
          name="userId"
          label={t("admin.accounts.newLead")}
          required
          defaultValue=""
          error={failed?.fieldErrors.userId}
        >
          <option value="" disabled>
            {t("admin.accounts.pickLead")}
          </option>
          {people
            .filter((person) => !leadIds.has(person.id))
            .map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
        </SelectField>
        <button type="submit" className="button" disabled={transferring}>
          {t("admin.accounts.transfer")}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value={archived ? "unarchive" : "archive"} />
        <input type="hidden" name="id" value={account.id} />
        <button type="submit" className="button">
          {archived ? t("admin.unarchive") : t("admin.archive")}
        </button>
      </Form>
      <FormMessage error={failed?.error} done={transferred ? t("admin.accounts.transferred") : null} />
    </li>
  );
}
