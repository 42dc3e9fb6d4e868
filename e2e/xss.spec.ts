import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";
const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;

/**
 * Writes hostile content straight into the document over the collab protocol,
 * as a crafted client (not the editor) could: a javascript: link and markup as text.
 */
async function injectHostileContent(baseURL: string, cookie: string, documentId: string): Promise<void> {
  const doc = new Y.Doc();
  const WithCookie = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin: baseURL } });
    }
  };
  const provider = new WebsocketProvider(`${baseURL.replace("http", "ws")}/collab`, documentId, doc, {
    WebSocketPolyfill: WithCookie as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.transact(() => {
    doc.getXmlFragment("default").push([paragraph]);
    text.insert(0, "Click for the Q4 plan", { link: { href: "javascript:window.__xss=3" } });
    text.insert("Click for the Q4 plan".length, ` ${HOSTILE}`);
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  provider.destroy();
  doc.destroy();
}

test("hostile document content and comments render as text: no script runs, no javascript: link", async ({
  browser,
  baseURL,
}) => {
  const lead = await personPage(browser, "lead");
  await openDocument(lead, ACCOUNT, ROADMAP);
  const documentId = new URL(lead.url()).pathname.split("/").pop() ?? "";
  const session = (await lead.context().cookies()).find((c) => c.name === "__session");
  await injectHostileContent(baseURL ?? "", `__session=${session?.value ?? ""}`, documentId);

  // A comment whose body is markup.
  const line = "Delivery windows";
  await typeAtEnd(lead, line);
  await lead.keyboard.press("Shift+Home");
  await lead.getByRole("button", { name: "Comment", exact: true }).click();
  const box = lead.getByRole("combobox", { name: "New comment" });
  await box.fill(HOSTILE);
  await box.press("Control+Enter");
  await expect(lead.getByRole("article", { name: `Comment thread on “${line}”` })).toContainText(HOSTILE);

  // A second person opens the document fresh: everything shows, literally, and nothing ran.
  const sales = await personPage(browser, "sales");
  await openDocument(sales, ACCOUNT, ROADMAP);
  await expect(sales.locator(".ProseMirror")).toContainText("Click for the Q4 plan");
  await expect(sales.locator(".ProseMirror")).toContainText(HOSTILE);
  await expect(sales.locator("aside.comments")).toContainText(HOSTILE);
  await expect(sales.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(sales.locator('img[src="x"]')).toHaveCount(0);
  for (const page of [lead, sales]) {
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  }
});
