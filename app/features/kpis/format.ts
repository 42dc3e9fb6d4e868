import { numberFormat } from "~/components/intl";
import type { Locale } from "~/i18n/i18n";

export function kpiName(definition: { name: string; nameZh: string }, locale: Locale): string {
  return locale === "zh-CN" ? definition.nameZh : definition.name;
}

/**
 * A KPI value as the team reads it: revenue compact in the account's currency
 * ($1.3M, ¥125万; a plain compact number where the currency is not known),
 * percentages with %, counts plain.
 */
export function formatKpiValue(value: number, unit: string, locale: Locale, currency?: string): string {
  const number = (options: Intl.NumberFormatOptions) => numberFormat(locale, options).format(value);
  if (unit === "currency" && currency) {
    return number({
      style: "currency",
      currency,
      notation: "compact",
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    });
  }
  if (unit === "currency") return number({ notation: "compact", maximumFractionDigits: 1 });
  if (unit === "percent") return `${number({ maximumFractionDigits: 1 })}%`;
  return number({ maximumFractionDigits: 2 });
}

/** Health points and weights: one decimal is enough to follow the arithmetic. */
export function formatPoints(value: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** Good, fair or poor, for the score's colour; the number itself is always shown. */
export function healthBand(score: number): "good" | "fair" | "poor" {
  return score >= 80 ? "good" : score >= 60 ? "fair" : "poor";
}
