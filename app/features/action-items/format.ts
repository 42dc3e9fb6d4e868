import { dateFormat } from "~/components/intl";
import type { Locale } from "~/i18n/i18n";

export interface DepartmentOption {
  key: string;
  name: string;
  nameZh: string;
  color: string;
}

export function departmentName(department: { name: string; nameZh: string }, locale: Locale): string {
  return locale === "zh-CN" ? department.nameZh : department.name;
}

/** A `YYYY-MM-DD` due date in the reader's language; read as UTC so it never shifts a day. */
export function formatDueDate(iso: string, locale: Locale): string {
  return dateFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}
