import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AddMemberForm } from "~/features/team/add-member-form";
import { MemberRow } from "~/features/team/member-row";
import { departmentLabel, type TeamMemberView } from "~/features/team/types";
import { usePresenceRoom, useRevalidateOn } from "~/hub/hub-context";
import { translate, useLocale, useT, type Locale } from "~/i18n/i18n";
import {
  addMember,
  changeMember,
  getTeam,
  listAddableUsers,
  removeMember,
  TeamChangeError,
} from "~/features/team/team.server";
import { TeamIntentSchema, type TeamActionReply } from "~/features/team/team.schema";
import teamStyles from "~/features/team/team.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { accountAccess } from "~/features/auth/permissions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: teamStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return [{ title: data ? `${translate(locale ?? "en", "team.title")} · ${data.account.name} · Keyroom` : "Keyroom" }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const team = await getTeam(context.db, accountId);
  invariantResponse(team, "Account not found", 404);
  // The workspace directory is shown only to those who may add from it.
  const addable = access.canManageTeam ? await listAddableUsers(context.db, accountId) : [];
  return json({ ...team, addable, canManage: access.canManageTeam, myId: user.id });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  invariantResponse(access.canManageTeam, "Forbidden", 403);
  const parsed = TeamIntentSchema.safeParse(await formFields(request));
  if (!parsed.success) {
    const issues = parsed.error.flatten().fieldErrors;
    return json<TeamActionReply>(
      { ok: false, error: { code: "invalid", message: "Invalid team change", issues } },
      400,
    );
  }
  const intent = parsed.data;
  try {
    if (intent.intent === "add") await addMember(context, user.id, accountId, intent);
    else if (intent.intent === "change") await changeMember(context, user.id, accountId, intent);
    else await removeMember(context, user.id, accountId, intent.userId);
  } catch (error) {
    if (!(error instanceof TeamChangeError)) throw error;
    return json<TeamActionReply>({ ok: false, error: { code: error.code, message: error.message } }, error.status);
  }
  // A lead who took themselves off the team has nothing left to see here.
  if (intent.userId === user.id && !(await accountAccess(context.db, user, accountId)).canRead) {
    return redirect("/accounts");
  }
  return json<TeamActionReply>({ ok: true, intent: intent.intent, userId: intent.userId });
}

export default function TeamPage() {
  const { account, members, departments, addable, canManage, myId } = useLoaderData<typeof loader>();
  const t = useT();
  const presence = usePresenceRoom("account", account.id);
  const online = new Set(presence?.users.map((person) => person.userId));
  useRevalidateOn("activity", (a) => a.accountId === account.id && a.kind.startsWith("member_"));
  const groups = groupByDepartment(members);
  return (
    <>
      <div className="page-title">
        <p className="breadcrumb">
          <Link to="/accounts">{t("nav.portfolio")}</Link>
          <span aria-hidden="true"> / </span>
          <Link to={`/accounts/${account.id}`}>{account.name}</Link>
        </p>
        <h1>{t("team.title")}</h1>
        <p className="muted">{t("team.subtitle", { count: members.length, account: account.name })}</p>
      </div>
      <div className="team-layout">
        <section className="card" aria-labelledby="team-members-heading">
          <h2 id="team-members-heading" className="visually-hidden">
            {t("team.members")}
          </h2>
          {groups.length === 0 ? <p className="muted">{t("team.empty")}</p> : null}
          {groups.map((group) => (
            <DepartmentGroup key={group.department.key} group={group}>
              {group.members.map((member) => (
                <MemberRow
                  // Keyed by the stored values: a saved or remote change resets the row's edits.
                  key={`${member.user.id}:${member.department.key}:${member.role}`}
                  member={member}
                  departments={departments}
                  canManage={canManage}
                  isMe={member.user.id === myId}
                  online={online.has(member.user.id)}
                />
              ))}
            </DepartmentGroup>
          ))}
        </section>
        <aside className="card team-side" aria-labelledby="team-side-heading">
          {canManage ? (
            <>
              <h2 id="team-side-heading">{t("team.add.title")}</h2>
              <AddMemberForm people={addable} departments={departments} />
            </>
          ) : (
            <>
              <h2 id="team-side-heading">{t("team.readOnly.title")}</h2>
              <p className="muted small">{t("team.readOnly.body")}</p>
            </>
          )}
          <p className="muted small team-side__roles">{t("team.rolesHelp")}</p>
        </aside>
      </div>
    </>
  );
}

type Group = { department: TeamMemberView["department"]; members: TeamMemberView[] };

function DepartmentGroup({ group, children }: { group: Group; children: React.ReactNode }) {
  const locale = useLocale();
  const headingId = `team-dept-${group.department.key}`;
  return (
    <section className="team-group" aria-labelledby={headingId}>
      <h3 id={headingId} style={{ borderColor: group.department.color }}>
        {departmentLabel(group.department, locale)}
        <span className="team-group__count">{group.members.length}</span>
      </h3>
      <ul className="team-members">{children}</ul>
    </section>
  );
}

/** Members arrive in department order; consecutive runs become groups. */
function groupByDepartment(members: TeamMemberView[]): Group[] {
  const groups: Group[] = [];
  for (const member of members) {
    const last = groups.at(-1);
    if (last?.department.key === member.department.key) last.members.push(member);
    else groups.push({ department: member.department, members: [member] });
  }
  return groups;
}
