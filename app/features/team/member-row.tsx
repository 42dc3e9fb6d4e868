import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Avatar } from "~/components/avatar";
import { useLocale, useT } from "~/i18n/i18n";
import { TEAM_ROLES, type TeamActionReply, type TeamRole } from "~/features/team/team.schema";
import { departmentLabel, type DepartmentOption, type TeamMemberView } from "./types";

interface MemberRowProps {
  member: TeamMemberView;
  departments: DepartmentOption[];
  canManage: boolean;
  isMe: boolean;
  online: boolean;
}

/**
 * One person on the team. Managers change department and role in place and
 * remove with a second, explicit "Confirm remove" (no browser dialog). The
 * parent keys the row by the stored values, so a saved change resets it.
 */
export function MemberRow({ member, departments, canManage, isMe, online }: MemberRowProps) {
  const t = useT();
  const { user } = member;
  const role = member.role as TeamRole;
  return (
    <li className="team-member">
      <span className="team-member__avatar">
        <Avatar name={user.name} color={member.department.color} size={36} />
        {online ? <span className="team-member__online" title={t("team.online")} /> : null}
      </span>
      <span className="team-member__who">
        <span className="people__name">
          {user.name}
          {isMe ? <span className="muted small"> ({t("team.you")})</span> : null}
          {online ? <span className="visually-hidden">, {t("team.online")}</span> : null}
        </span>
        <span className="muted small">{user.email}</span>
      </span>
      {canManage ? (
        <MemberControls member={member} departments={departments} />
      ) : (
        <span className={`team-role team-role--${role}`}>{t(`role.${role}`)}</span>
      )}
    </li>
  );
}

function MemberControls({ member, departments }: { member: TeamMemberView; departments: DepartmentOption[] }) {
  const t = useT();
  const fetcher = useFetcher<TeamActionReply>();
  const [department, setDepartment] = useState(member.department.key);
  const [role, setRole] = useState(member.role as TeamRole);
  const { confirming, setConfirming, confirmRef, removeRef } = useRemoveConfirmation();
  const { user } = member;
  const busy = fetcher.state !== "idle";
  const dirty = department !== member.department.key || role !== member.role;
  const error = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;

  return (
    <div className="team-member__controls">
      <fetcher.Form method="post" className="team-member__edit">
        <input type="hidden" name="intent" value="change" />
        <input type="hidden" name="userId" value={user.id} />
        <DepartmentSelect
          value={department}
          onChange={setDepartment}
          departments={departments}
          label={t("team.member.department", { name: user.name })}
          disabled={confirming}
        />
        <RoleSelect
          value={role}
          onChange={setRole}
          label={t("team.member.role", { name: user.name })}
          disabled={confirming}
        />
        {confirming ? null : (
          <button type="submit" className="button button--small" disabled={!dirty || busy}>
            {busy && fetcher.formData?.get("intent") === "change" ? t("team.saving") : t("team.member.save")}
          </button>
        )}
      </fetcher.Form>
      {confirming ? (
        <fetcher.Form method="post" className="team-member__confirm">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="userId" value={user.id} />
          <span className="small">{t("team.member.removePrompt", { name: user.name })}</span>
          <button ref={confirmRef} type="submit" className="button button--small button--danger" disabled={busy}>
            {t("team.member.confirmRemove")}
          </button>
          <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
            {t("team.member.cancel")}
          </button>
        </fetcher.Form>
      ) : (
        <button
          ref={removeRef}
          type="button"
          className="button button--small button--ghost team-member__remove"
          onClick={() => setConfirming(true)}
          aria-label={t("team.member.removeLabel", { name: user.name })}
        >
          {t("team.member.remove")}
        </button>
      )}
      {error ? (
        <p className="form-error team-member__error" role="alert">
          {t(`team.error.${error.code}`)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Removal takes a second, explicit click. Keyboard users land on the button
 * that needs their decision, and back where they were.
 */
function useRemoveConfirmation() {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) removeRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  return { confirming, setConfirming, confirmRef, removeRef };
}

interface SelectProps<T extends string> {
  value: T;
  onChange: (value: T) => void;
  label: string;
  disabled: boolean;
}

function DepartmentSelect({
  value,
  onChange,
  departments,
  label,
  disabled,
}: SelectProps<string> & { departments: DepartmentOption[] }) {
  const locale = useLocale();
  return (
    <select
      name="department"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      disabled={disabled}
    >
      {departments.map((dept) => (
        <option key={dept.key} value={dept.key}>
          {departmentLabel(dept, locale)}
        </option>
      ))}
    </select>
  );
}

function RoleSelect({ value, onChange, label, disabled }: SelectProps<TeamRole>) {
  const t = useT();
  return (
    <select
      name="role"
      value={value}
      onChange={(e) => onChange(e.target.value as TeamRole)}
      aria-label={label}
      disabled={disabled}
    >
      {TEAM_ROLES.map((option) => (
        <option key={option} value={option}>
          {t(`role.${option}`)}
        </option>
      ))}
    </select>
  );
}
