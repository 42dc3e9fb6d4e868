/** A moment as people say it: the time for today, the date otherwise, in the reader's locale. */
export function formatWhen(iso: string, locale: string): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: "short" } : { dateStyle: "medium" }).format(date);
}
