import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, login } from "../../server/test/clients";
import { startTestServer, type TestServer } from "../../server/test/start-test-server";
import { PAGE_CATALOG_ID, type Catalog } from "./i18n";
import { catalogOf } from "./i18n.server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const en = catalogOf("en").messages;
const zh = catalogOf("zh-CN").messages;

/** The catalog a page carries inline for the browser to start from. */
function pageCatalog(html: string): Catalog {
  const json = new RegExp(`<script id="${PAGE_CATALOG_ID}"[^>]*>([^<]*)</script>`).exec(html)?.[1];
  expect(json, "the page's catalog").toBeDefined();
  return JSON.parse(json ?? "null") as Catalog;
}

async function signInPage(acceptLanguage: string): Promise<string> {
  const res = await fetch(`${server.url}/login`, { headers: { "Accept-Language": acceptLanguage } });
  expect(res.status).toBe(200);
  return res.text();
}

describe("a page carries only its reader's language", () => {
  it("an English page renders English and carries the English messages, none of the Chinese", async () => {
    const html = await signInPage("en-GB,en;q=0.9");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(en["login.submit"]);
    const catalog = pageCatalog(html);
    expect(catalog).toMatchObject({ locale: "en", url: catalogOf("en").url });
    expect(catalog.messages["reviews.error.notLive"]).toBe(en["reviews.error.notLive"]);
    expect(html).not.toContain(zh["reviews.error.notLive"]);
    expect(html).not.toContain(zh["login.submit"]);
  });

  it("a Chinese page renders Chinese and carries the Chinese messages, none of the English", async () => {
    const html = await signInPage("zh-CN,zh;q=0.9");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(zh["login.submit"]);
    expect(pageCatalog(html)).toMatchObject({ locale: "zh-CN", url: catalogOf("zh-CN").url });
    expect(html).not.toContain(en["reviews.error.notLive"]);
  });

  it("the root's data after a navigation names the catalog but does not carry it", async () => {
    const cookie = await login(server.url, "support");
    const res = await get(server.url, "/accounts?_data=root", cookie);
    const data = (await res.json()) as { locale: string; catalog: string };
    expect(data).toMatchObject({ locale: "zh-CN", catalog: catalogOf("zh-CN").url });
    expect(JSON.stringify(data)).not.toContain(zh["reviews.error.notLive"]);
  });

  it("serves a language's catalog at its URL for a page whose language changed", async () => {
    const res = await get(server.url, catalogOf("zh-CN").url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(catalogOf("zh-CN"));
    expect((await get(server.url, "/i18n/fr/0")).status).toBe(404);
  });
});
