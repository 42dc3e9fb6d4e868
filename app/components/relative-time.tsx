import { useCallback, useEffect, useState } from "react";
import { formatDateTime, formatWhen } from "~/components/format-when";
import { formatRelative } from "~/components/intl";
import { useLocale } from "~/i18n/i18n";

let hydrated = false;

/**
 * Now, once the page is hydrated, and again every minute; null while the server
 * renders and the browser hydrates, since their clocks differ (ADR 023).
 */
function useNow(): Date | null {
  const [now, setNow] = useState<Date | null>(() => (hydrated ? new Date() : null));
  useEffect(() => {
    hydrated = true;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Formats moments where recency matters: "3 minutes ago" once hydrated (within
 * a week), the time or date before that and for older moments.
 */
export function useWhen(): (iso: string) => string {
  const locale = useLocale();
  const now = useNow();
  return useCallback(
    (iso: string) => (now && formatRelative(new Date(iso), now, locale)) || formatWhen(iso, locale, now ?? undefined),
    [locale, now],
  );
}

/** A moment in a feed or list: relative text, the full date and time on hover, ISO for machines. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const locale = useLocale();
  const when = useWhen();
  return (
    <time dateTime={iso} title={formatDateTime(iso, locale)} className={className}>
      {when(iso)}
    </time>
  );
}
