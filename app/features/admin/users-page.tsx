import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatWhen } from "~/components/format-when";
import { useWhen } from "~/components/relative-time";
import { useLocale, useT, type Locale } from "~/i18n/i18n";
import { FormMessage, OneTimeLink, SelectField, TextField, useSubmitting } from "./admin-fields";
import { refusalFor } from "./admin-reply";
import { WORKSPACE_ROLES, type UsersReply } from "./users.schema";

interface Department {
  key: string;
  name: string;
  nameZh: string;
  archived: boolean;
}

interface Person {
  id: string;
  name: string;
  email: string;
  workspaceRole: string;
  active: boolean;
  department: { key: string; name: string; nameZh: string; color: string } | null;
  lastSeenAt: string | null;
}

interface PeopleData {
  myId: string;
  q: string;
  total: number;
  people: Person[];
  departments: Department[];
  invitations: Array<{
    id: string;
    email: string;
    name: string;
    workspaceRole: string;
    expiresAt: string;
    createdBy: string;
  }>;
}

const departmentName = (department: { name: string; nameZh: string }, locale: Locale) =>
  locale === "zh-CN" ? department.nameZh : department.name;

/** People: invite by one-time link, change department and role, reset a password, deactivate. */
export function UsersPage() {
  const data = useLoaderData<PeopleData>();
  const reply = useActionData<UsersReply>();
  return (
    <div className="admin__sections">
      <InviteForm departments={data.departments} reply={reply} />
      <PendingInvitations invitations={data.invitations} reply={reply} />
      <PeopleList data={data} reply={reply} />
    </div>
  );
}

function InviteForm({ departments, reply }: { departments: Department[]; reply: UsersReply | undefined }) {
  const t = useT();
  const locale = useLocale();
  const failed = refusalFor(reply, "invite");
  const made = reply?.ok && reply.intent === "invite" ? reply : null;
  const busy = useSubmitting("invite");
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("admin.users.invite.title")}</h2>
      <p className="muted small">{t("admin.users.invite.help")}</p>
      {/* A made invitation empties the form for the next one. */}
      <Form method="post" className="admin__form" key={made?.id}>
        <input type="hidden" name="intent" value="invite" />
        <div className="admin__grid">
          <TextField
            id="invite-email"
            name="email"
            type="email"
            label={t("admin.users.email")}
            required
            autoComplete="off"
            error={failed?.fieldErrors.email}
          />
          <TextField
            id="invite-name"
            name="name"
            label={t("admin.users.name")}
            required
            maxLength={120}
            autoComplete="off"
            error={failed?.fieldErrors.name}
          />
          <SelectField
            id="invite-department"
            name="department"
            label={t("admin.users.department")}
            error={failed?.fieldErrors.department}
          >
            <option value="">{t("admin.users.noDepartment")}</option>
            {departments
              .filter((department) => !department.archived)
              .map((department) => (
                <option key={department.key} value={department.key}>
                  {departmentName(department, locale)}
                </option>
              ))}
          </SelectField>
          <SelectField
            id="invite-role"
            name="workspaceRole"
            label={t("admin.users.role")}
            defaultValue="member"
            error={failed?.fieldErrors.workspaceRole}
          >
            {WORKSPACE_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`admin.role.${role}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <FormMessage error={failed?.error} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("admin.users.invite.submit")}
        </button>
      </Form>
      {made?.inviteUrl ? (
        <OneTimeLink id="invite-link" label={t("admin.users.invite.link")} url={made.inviteUrl} />
      ) : null}
    </section>
  );
}

function PendingInvitations({
  invitations,
  reply,
}: {
  invitations: PeopleData["invitations"];
  reply: UsersReply | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t("admin.users.pending.title")}</h2>
      {invitations.length === 0 ? <p className="muted">{t("admin.users.pending.none")}</p> : null}
      <ul className="admin__list">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="admin__row">
            <div className="admin__row-main">
              <strong>{invitation.name}</strong> <span className="muted">{invitation.email}</span>
              <div className="small muted">
                {t(`admin.role.${invitation.workspaceRole as "member"}`)} ·{" "}
                {t("admin.users.pending.expires", {
                  date: formatWhen(invitation.expiresAt, locale),
                  name: invitation.createdBy,
                })}
              </div>
              <FormMessage error={refusalFor(reply, "revokeInvitation", invitation.id)?.error} />
            </div>
            <Form method="post">
              <input type="hidden" name="intent" value="revokeInvitation" />
              <input type="hidden" name="id" value={invitation.id} />
              <button
                type="submit"
                className="button"
                aria-label={t("admin.users.pending.revokeFor", { email: invitation.email })}
              >
                {t("admin.users.pending.revoke")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PeopleList({ data, reply }: { data: PeopleData; reply: UsersReply | undefined }) {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <section className="card" aria-labelledby="people-heading">
      <h2 id="people-heading">{t("admin.users.people.title")}</h2>
      <Form method="get" role="search" className="admin__search">
        <label htmlFor="people-q" className="visually-hidden">
          {t("admin.users.search")}
        </label>
        <input
          id="people-q"
          name="q"
          type="search"
          defaultValue={params.get("q") ?? ""}
          placeholder={t("admin.users.search")}
        />
        <button type="submit" className="button">
          {t("admin.users.searchSubmit")}
        </button>
      </Form>
      <p className="muted small" aria-live="polite">
        {t("admin.users.people.count", { shown: data.people.length, total: data.total })}
      </p>
      {data.people.length === 0 ? <p className="muted">{t("admin.users.people.none")}</p> : null}
      <ul className="admin__list">
        {data.people.map((person) => (
          <PersonRow
            key={person.id}
            person={person}
            me={person.id === data.myId}
            departments={data.departments}
            reply={reply}
          />
        ))}
      </ul>
    </section>
  );
}

function PersonRow({
  person,
  me,
  departments,
  reply,
}: {
  person: Person;
  me: boolean;
  departments: Department[];
  reply: UsersReply | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const when = useWhen();
  const prefix = `person-${person.id}`;
  const saving = useSubmitting("update", person.id);
  const resetting = useSubmitting("resetPassword", person.id);
  const refusal = [
    refusalFor(reply, "update", person.id),
    refusalFor(reply, "deactivate", person.id),
    refusalFor(reply, "reactivate", person.id),
    refusalFor(reply, "resetPassword", person.id),
  ].find(Boolean);
  const resetUrl = reply?.ok && reply.intent === "resetPassword" && reply.id === person.id ? reply.resetUrl : null;
  const saved = reply?.ok && reply.intent === "update" && reply.id === person.id;
  // An archived department stays offered to the people already in it, and to nobody else.
  const choices = departments.filter((d) => !d.archived || d.key === person.department?.key);
  return (
    <li className={`admin__person${person.active ? "" : " admin__person--inactive"}`}>
      <div className="admin__person-head">
        <div>
          <strong>{person.name}</strong>
          {me ? <span className="badge">{t("admin.users.you")}</span> : null}
          {!person.active ? <span className="badge badge--muted">{t("admin.users.inactive")}</span> : null}
          <div className="muted small admin__email">{person.email}</div>
        </div>
        <div className="small muted">
          {person.lastSeenAt
            ? t("admin.users.lastSeen", { date: when(person.lastSeenAt) })
            : t("admin.users.neverSeen")}
        </div>
      </div>
      <Form method="post" className="admin__person-form">
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="id" value={person.id} />
        <SelectField
          id={`${prefix}-department`}
          name="department"
          label={t("admin.users.department")}
          defaultValue={person.department?.key ?? ""}
        >
          <option value="">{t("admin.users.noDepartment")}</option>
          {choices.map((department) => (
            <option key={department.key} value={department.key}>
              {departmentName(department, locale)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${prefix}-role`}
          name="workspaceRole"
          label={t("admin.users.role")}
          defaultValue={person.workspaceRole}
        >
          {WORKSPACE_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`admin.role.${role}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button" disabled={saving}>
          {t("admin.users.save")}
        </button>
      </Form>
      <div className="admin__person-actions">
        {person.active ? (
          <Form method="post">
            <input type="hidden" name="intent" value="resetPassword" />
            <input type="hidden" name="id" value={person.id} />
            <button type="submit" className="button" disabled={resetting}>
              {t("admin.users.reset")}
            </button>
          </Form>
        ) : null}
        {me ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value={person.active ? "deactivate" : "reactivate"} />
            <input type="hidden" name="id" value={person.id} />
            <button type="submit" className={person.active ? "button button--danger" : "button"}>
              {person.active ? t("admin.users.deactivate") : t("admin.users.reactivate")}
            </button>
          </Form>
        )}
      </div>
      <FormMessage error={refusal?.error} done={saved ? t("admin.users.saved") : null} />
      {resetUrl ? <OneTimeLink id={`${prefix}-reset`} label={t("admin.users.resetLink")} url={resetUrl} /> : null}
    </li>
  );
}
