import type { Translate } from "~/i18n/i18n";

/**
 * A logged visit's client ("Chrome on Windows", stored in English by
 * coarseClient) in the reader's language: browser and system names are
 * names, the words around them are not.
 */
export function viewClientLabel(t: Translate, stored: string): string {
  const match = /^(.+) on (.+)$/.exec(stored);
  if (!match) return stored;
  const browser = match[1] === "Other browser" ? t("share.client.otherBrowser") : match[1];
  const system = match[2] === "another system" ? t("share.client.otherSystem") : match[2];
  return t("share.client", { browser, system });
}
