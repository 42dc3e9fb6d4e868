import { useRouteLoaderData } from "@remix-run/react";
import enActions from "./en/actions.json";
import enApprovals from "./en/approvals.json";
import enCollab from "./en/collab.json";
import enCore from "./en/core.json";
import enHub from "./en/hub.json";
import enKpis from "./en/kpis.json";
import enReviews from "./en/reviews.json";
import enTeam from "./en/team.json";
import enVersions from "./en/versions.json";
import zhActions from "./zh-CN/actions.json";
import zhApprovals from "./zh-CN/approvals.json";
import zhCollab from "./zh-CN/collab.json";
import zhCore from "./zh-CN/core.json";
import zhHub from "./zh-CN/hub.json";
import zhKpis from "./zh-CN/kpis.json";
import zhReviews from "./zh-CN/reviews.json";
import zhTeam from "./zh-CN/team.json";
import zhVersions from "./zh-CN/versions.json";

export type Locale = "en" | "zh-CN";
export const LOCALES: readonly Locale[] = ["en", "zh-CN"];
// One file per feature and locale, so features add messages without touching each other's.
const en = {
  ...enCore,
  ...enHub,
  ...enActions,
  ...enTeam,
  ...enVersions,
  ...enApprovals,
  ...enKpis,
  ...enReviews,
  ...enCollab,
};
export type MessageKey = keyof typeof en;

const dictionaries: Record<Locale, Record<MessageKey, string>> = {
  en,
  "zh-CN": {
    ...zhCore,
    ...zhHub,
    ...zhActions,
    ...zhTeam,
    ...zhVersions,
    ...zhApprovals,
    ...zhKpis,
    ...zhReviews,
    ...zhCollab,
  },
};

export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "zh-CN";
}

/** Looks up a message and fills `{name}` placeholders. Falls back to English. */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = dictionaries[locale][key] ?? dictionaries.en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Picks en or zh-CN from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  return header && /^\s*zh\b/i.test(header) ? "zh-CN" : "en";
}

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? "en";
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function useT(): Translate {
  const locale = useLocale();
  return (key, vars) => translate(locale, key, vars);
}
