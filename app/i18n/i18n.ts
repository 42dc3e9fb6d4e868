import { useRouteLoaderData } from "@remix-run/react";
import { IntlMessageFormat } from "intl-messageformat";
import { useCallback } from "react";
import type enActions from "./en/actions.json";
import type enApprovals from "./en/approvals.json";
import type enAssessments from "./en/assessments.json";
import type enBlockEditor from "./en/blockEditor.json";
import type enBlocks from "./en/blocks.json";
import type enCollab from "./en/collab.json";
import type enCore from "./en/core.json";
import type enHub from "./en/hub.json";
import type enKpis from "./en/kpis.json";
import type enNetValue from "./en/netValue.json";
import type enPortfolio from "./en/portfolio.json";
import type enReviews from "./en/reviews.json";
import type enSearch from "./en/search.json";
import type enSharing from "./en/sharing.json";
import type enIntegrations from "./en/integrations.json";
import type enApi from "./en/api.json";
import type enAudit from "./en/audit.json";
import type enAdmin from "./en/admin.json";
import type enTeam from "./en/team.json";
import type enVersions from "./en/versions.json";
import type enKeyboard from "./en/keyboard.json";

/**
 * Messages are ICU MessageFormat (plurals, selects) formatted by
 * intl-messageformat. This module is shared by the browser and the server and
 * holds no messages itself: the server loads every language (`i18n.server`),
 * a page loads only its own (inline on the first load, fetched by the root's
 * client loader when the language changes).
 */

export type Locale = "en" | "zh-CN";
export const LOCALES: readonly Locale[] = ["en", "zh-CN"];
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export type MessageKey = keyof (typeof enActions &
  typeof enApprovals &
  typeof enAssessments &
  typeof enBlockEditor &
  typeof enBlocks &
  typeof enCollab &
  typeof enCore &
  typeof enHub &
  typeof enKpis &
  typeof enNetValue &
  typeof enPortfolio &
  typeof enReviews &
  typeof enSearch &
  typeof enSharing &
  typeof enIntegrations &
  typeof enApi &
  typeof enAudit &
  typeof enAdmin &
  typeof enTeam &
  typeof enVersions &
  typeof enKeyboard);
export type Messages = Record<MessageKey, string>;
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** One language's messages; `url` serves exactly these, so a changed set has a new one. */
export interface Catalog {
  locale: Locale;
  url: string;
  messages: Messages;
}

interface LoadedCatalog extends Catalog {
  formats: Map<MessageKey, IntlMessageFormat>;
}

/** The element a server-rendered page carries its catalog in (JSON, never executed). */
export const PAGE_CATALOG_ID = "i18n-catalog";

const loaded = new Map<Locale, LoadedCatalog>();
let pageCatalog: LoadedCatalog | undefined;

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "zh-CN";
}

/** Picks en or zh-CN from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  return header && /^\s*zh\b/i.test(header) ? "zh-CN" : "en";
}

/** Makes a catalog available to `translate` (the server calls this for every language). */
export function provideCatalog(catalog: Catalog): LoadedCatalog {
  const entry = { ...catalog, formats: new Map<MessageKey, IntlMessageFormat>() };
  loaded.set(catalog.locale, entry);
  return entry;
}

/**
 * Formats a message in `locale`. Server modules import it from `i18n.server`,
 * which loads every language first; in the browser only the page's language
 * is here, and another falls back to it rather than failing the page.
 */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const catalog = loaded.get(locale) ?? fromPage();
  if (!catalog) throw new Error(`No ${locale} messages loaded: server code imports translate from ~/i18n/i18n.server`);
  const message = catalog.messages[key];
  if (message === undefined) return key;
  let format = catalog.formats.get(key);
  if (!format) {
    // Tags are not ours: "<" in a message is text.
    format = new IntlMessageFormat(message, catalog.locale, undefined, { ignoreTag: true });
    catalog.formats.set(key, format);
  }
  try {
    return format.format<string>(vars) as string;
  } catch {
    // A value the caller left out shows the message unfilled instead of failing the page.
    return message;
  }
}

const catalogJson = new WeakMap<Catalog, string>();

/** The page's catalog as the inline JSON the browser starts from (safe inside a script element). */
export function pageCatalogJson(locale: Locale): string {
  const catalog = loaded.get(locale) ?? fromPage();
  if (!catalog) return "null";
  // The same string for every page in this language: no need to stringify the whole catalog per render.
  let json = catalogJson.get(catalog);
  if (json === undefined) {
    const { formats: _formats, ...plain } = catalog;
    json = JSON.stringify(plain).replace(
      /[<\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    catalogJson.set(catalog, json);
  }
  return json;
}

/** Loads a language's catalog in the browser unless this version is already here. */
export async function loadCatalog(locale: Locale, url: string): Promise<void> {
  fromPage();
  if (loaded.get(locale)?.url === url) return;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Messages for ${locale} did not load (${response.status})`);
  provideCatalog((await response.json()) as Catalog);
}

/** The catalog the server rendered into the page, read once. */
function fromPage(): LoadedCatalog | undefined {
  if (pageCatalog || typeof document === "undefined") return pageCatalog;
  const text = document.getElementById(PAGE_CATALOG_ID)?.textContent;
  const catalog = text ? (JSON.parse(text) as Catalog | null) : null;
  if (catalog) pageCatalog = provideCatalog(catalog);
  return pageCatalog;
}

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? "en";
}

export function useT(): Translate {
  const locale = useLocale();
  return useCallback((key, vars) => translate(locale, key, vars), [locale]);
}
