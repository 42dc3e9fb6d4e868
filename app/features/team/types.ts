/** A department as the team page offers it. */
export interface DepartmentOption {
  key: string;
  name: string;
  nameZh: string;
  color: string;
}

export interface TeamMemberView {
  role: string;
  user: { id: string; name: string; email: string };
  department: DepartmentOption;
}

/** Someone who may be added: active and not on the team yet. */
export interface AddablePerson {
  id: string;
  name: string;
  email: string;
  department: { key: string } | null;
}

export function departmentLabel(department: Pick<DepartmentOption, "name" | "nameZh">, locale: string): string {
  return locale === "zh-CN" ? department.nameZh : department.name;
}
