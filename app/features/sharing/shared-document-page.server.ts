import { versionDisplayName } from "~/features/documents/versions/version-name";
import { diffContent } from "~/features/documents/versions/content-diff";
import { isLocale, localeFromAcceptLanguage, type Locale } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import type { Db } from "~/utils/db.server";
import { openSharedDocument } from "./share-links.server";

/** A token as we make them (32 URL-safe characters); anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/**
 * The customer's page behind a share link, in the customer's language (`?lang=`
 * or the browser's), with every word already translated: the page runs no
 * script. Unknown, revoked and expired links get the same plain 404.
 */
export async function sharedDocumentPage(db: Db, request: Request, token: string) {
  const shared = TOKEN.test(token) ? await openSharedDocument(db, token, request.headers.get("User-Agent")) : null;
  if (!shared) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const asked = url.searchParams.get("lang");
  const locale: Locale = isLocale(asked) ? asked : localeFromAcceptLanguage(request.headers.get("Accept-Language"));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date(shared.approvedAt));
  return {
    locale,
    title: shared.title,
    blocks: diffContent(shared.content, shared.content),
    text: {
      version: translate(locale, "share.public.version", {
        name: versionDisplayName((key, vars) => translate(locale, key, vars), shared.versionName),
        date,
      }),
      language: translate(locale, "share.public.language"),
      footer: translate(locale, "share.public.footer"),
    },
    languages: (["en", "zh-CN"] as const).map((code) => ({
      code,
      label: code === "en" ? "English" : "中文",
      href: `${url.pathname}?lang=${code}`,
      current: code === locale,
    })),
  };
}
