import { dateFormat } from "~/components/intl";
/** A moment as people say it: the time for today, the date otherwise, in the reader's locale. */
export function formatWhen(iso: string, locale: string): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return dateFormat(locale, sameDay ? { timeStyle: "short" } : { dateStyle: "medium" }).format(date);
}

/** A meeting time: date and time, in the reader's locale and time zone. */
export function formatDateTime(iso: string, locale: string): string {
  return dateFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
