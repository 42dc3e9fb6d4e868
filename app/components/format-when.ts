import { dateFormat } from "~/components/intl";

/** The calendar day of a moment in the workspace time zone, to compare days. */
const dayOf = (date: Date) => dateFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }).format(date);

/** A moment as people say it: the time for today, the date otherwise, in the reader's locale. */
export function formatWhen(iso: string, locale: string, now = new Date()): string {
  const date = new Date(iso);
  const sameDay = dayOf(date) === dayOf(now);
  return dateFormat(locale, sameDay ? { timeStyle: "short" } : { dateStyle: "medium" }).format(date);
}

/** A meeting time: date and time, in the reader's locale and the workspace time zone. */
export function formatDateTime(iso: string, locale: string): string {
  return dateFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
