import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useLocale, useT } from "~/i18n/i18n";
import { TEAM_ROLES, type TeamActionReply, type TeamRole } from "~/features/team/team.schema";
import { departmentLabel, type AddablePerson, type DepartmentOption } from "./types";

/** Adds a person to the team; the department follows the person's own until changed by hand. */
export function AddMemberForm({ people, departments }: { people: AddablePerson[]; departments: DepartmentOption[] }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<TeamActionReply>();
  const [userId, setUserId] = useState("");
  const [department, setDepartment] = useState(departments[0]?.key ?? "");
  const [role, setRole] = useState<TeamRole>("member");
  const busy = fetcher.state !== "idle";
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;

  // The added person leaves `people` when the loader revalidates: clear the choice for the next one.
  useEffect(() => {
    if (reply?.ok) setUserId("");
  }, [reply]);

  const choose = (id: string) => {
    setUserId(id);
    const home = people.find((person) => person.id === id)?.department?.key;
    if (home && departments.some((dept) => dept.key === home)) setDepartment(home);
  };

  if (people.length === 0) return <p className="muted small">{t("team.add.nobody")}</p>;
  return (
    <fetcher.Form method="post" className="team-add">
      <input type="hidden" name="intent" value="add" />
      <label className="field">
        <span>{t("team.add.person")}</span>
        <select name="userId" value={userId} onChange={(e) => choose(e.target.value)} required>
          <option value="" disabled>
            {t("team.add.choosePerson")}
          </option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} · {person.email}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("team.add.department")}</span>
        <select name="department" value={department} onChange={(e) => setDepartment(e.target.value)}>
          {departments.map((dept) => (
            <option key={dept.key} value={dept.key}>
              {departmentLabel(dept, locale)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("team.add.role")}</span>
        <select name="role" value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
          {TEAM_ROLES.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--primary" disabled={busy || !userId}>
        {busy ? t("team.saving") : t("team.add.submit")}
      </button>
      <p className="small team-add__status" role="status">
        {reply && !reply.ok ? <span className="form-error">{t(`team.error.${reply.error.code}`)}</span> : null}
        {reply?.ok && !userId ? t("team.add.done") : null}
      </p>
    </fetcher.Form>
  );
}
