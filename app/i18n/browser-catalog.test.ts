import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
// Only the shared module: this file plays a browser tab, which never loads i18n.server.
import type * as I18n from "./i18n";
import type { Catalog, Locale, Messages } from "./i18n";

/** The tab's own copy of the module (imported in beforeAll), with no catalog loaded yet. */
let i18n: typeof I18n;

const dir = path.dirname(new URL(import.meta.url).pathname);

function catalog(locale: Locale, version: string): Catalog {
  const messages = Object.assign(
    {},
    ...readdirSync(path.join(dir, locale)).map((file) =>
      JSON.parse(readFileSync(path.join(dir, locale, file), "utf8")),
    ),
  ) as Messages;
  return { locale, url: `/i18n/${locale}/${version}`, messages };
}

// A message that would end the script element early if it were not escaped.
const zh = { ...catalog("zh-CN", "aaa"), messages: { ...catalog("zh-CN", "aaa").messages, "app.name": "</script>" } };
const en = catalog("en", "bbb");
const fetched: string[] = [];

beforeAll(async () => {
  // A fresh copy, as a tab starts with: files run before this one in the same worker
  // may have loaded catalogs into the shared one.
  vi.resetModules();
  i18n = await import("./i18n");
  // The page as the server rendered it: its catalog inline, a script element's text.
  const inline = JSON.stringify(zh);
  vi.stubGlobal("document", {
    getElementById: (id: string) => (id === i18n.PAGE_CATALOG_ID ? { textContent: inline } : null),
  });
  vi.stubGlobal("fetch", async (url: string) => {
    fetched.push(url);
    return Response.json(url === en.url ? en : null, { status: url === en.url ? 200 : 404 });
  });
});

afterAll(() => {
  vi.unstubAllGlobals();
});

describe("a browser tab's messages", () => {
  it("start from the catalog inline in the page", () => {
    expect(i18n.translate("zh-CN", "portfolio.people", { count: 3 })).toBe("3 人");
    expect(fetched).toEqual([]);
  });

  it("render the same inline JSON the page came with, safe inside a script element", () => {
    const json = i18n.pageCatalogJson("zh-CN");
    expect(JSON.parse(json)).toEqual(zh);
    expect(json).not.toContain("<");
    expect(i18n.translate("zh-CN", "app.name")).toBe("</script>");
  });

  it("fall back to the page's language rather than failing when another is not loaded", () => {
    expect(i18n.translate("en", "portfolio.people", { count: 3 })).toBe("3 人");
  });

  it("are not fetched again for the version the tab has", async () => {
    await i18n.loadCatalog("zh-CN", zh.url);
    expect(fetched).toEqual([]);
  });

  it("are fetched once when the language changes", async () => {
    await i18n.loadCatalog("en", en.url);
    await i18n.loadCatalog("en", en.url);
    expect(fetched).toEqual([en.url]);
    expect(i18n.translate("en", "portfolio.people", { count: 1 })).toBe("1 person");
  });

  it("are fetched again when a deploy changed them, and a failed fetch is an error", async () => {
    await expect(i18n.loadCatalog("en", "/i18n/en/ccc")).rejects.toThrow("did not load (404)");
    expect(fetched).toEqual([en.url, "/i18n/en/ccc"]);
  });
});
