/**
 * Intl formatters, made once per locale and options: building one costs far
 * more than formatting with it, and a page of a thousand accounts formats
 * hundreds of dates and numbers per render.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function memo<F>(cache: Map<string, F>, locale: string, options: object, make: () => F): F {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/**
 * The workspace's time zone (ADR 023): the server's, sent to the browser by the
 * root loader, so the server's HTML and the browser's first render format a
 * moment alike and hydration keeps them.
 */
let displayTimeZone: string | undefined;

export function setDisplayTimeZone(timeZone: string | undefined): void {
  displayTimeZone = timeZone;
}

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const zoned = options.timeZone || !displayTimeZone ? options : { ...options, timeZone: displayTimeZone };
  return memo(dateFormats, locale, zoned, () => new Intl.DateTimeFormat(locale, zoned));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return memo(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

export function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  const options = { numeric: "auto" } as const;
  return memo(relativeFormats, locale, options, () => new Intl.RelativeTimeFormat(locale, options));
}

/**
 * "3 minutes ago" / "3 分钟前" for a moment within a week of now, else null:
 * past a week the date says more than "5 weeks ago".
 */
export function formatRelative(date: Date, now: Date, locale: string): string | null {
  const format = relativeFormat(locale);
  const seconds = (date.getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 45) return format.format(0, "second");
  const minutes = seconds / 60;
  if (Math.abs(minutes) < 45) return format.format(Math.round(minutes), "minute");
  const hours = minutes / 60;
  if (Math.abs(hours) < 22) return format.format(Math.round(hours), "hour");
  const days = hours / 24;
  if (Math.abs(days) < 7) return format.format(Math.round(days), "day");
  return null;
}
