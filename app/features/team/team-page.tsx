import { Link } from "@remix-run/react";
import { AddMemberForm } from "./add-member-form";
import { MemberRow } from "./member-row";
import { departmentLabel, type AddablePerson, type DepartmentOption, type TeamMemberView } from "./types";
import { usePresenceRoom, useRevalidateOn } from "~/hub/hub-context";
import { useLocale, useT } from "~/i18n/i18n";

/** What the team page's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface TeamPageData {
  account: { id: string; name: string };
  members: TeamMemberView[];
  departments: DepartmentOption[];
  addable: AddablePerson[];
  canManage: boolean;
  myId: string;
}

export function TeamPage({ data }: { data: TeamPageData }) {
  const { account, members, departments, addable, canManage, myId } = data;
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
