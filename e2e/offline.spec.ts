import { expect, test } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";

test("edits made offline survive a reload and merge for everyone when the connection returns", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  // The collab socket goes through this switch: closed while `blocked`, the real server otherwise.
  let blocked = false;
  await lead.routeWebSocket(/\/collab\//, (ws) => {
    if (blocked) ws.close();
    else ws.connectToServer();
  });
  await openDocument(lead, ACCOUNT, ROADMAP);
  const sync = lead.locator("[data-sync-state]");

  blocked = true;
  await lead.context().setOffline(true);
  await expect(lead.locator(".connection-banner")).toContainText("You are offline");
  await expect(sync).toHaveAttribute("data-sync-state", "offline");
  const note = `Offline note ${Date.now()}`;
  await typeAtEnd(lead, note);
  // Scrolled down, the toolbar and the sync pill stick under the banner, not behind it.
  await lead.mouse.wheel(0, 2000);
  await expect(async () => {
    const banner = await lead.locator(".connection-banner").boundingBox();
    const bar = await lead.locator(".editor__bar").boundingBox();
    expect(bar && banner && bar.y >= banner.y + banner.height - 1).toBe(true);
  }).toPass();
  await expect(sync).toBeInViewport();
  await lead.context().setOffline(false);
  // IndexedDB writes are asynchronous; give the last keystrokes a moment to land.
  await lead.waitForTimeout(500);

  // Still cut off from the collab server: the reload shows the edit from this device.
  await lead.reload();
  await expect(lead.locator(".ProseMirror")).toContainText(note);
  await expect(sync).not.toHaveAttribute("data-sync-state", "saved");

  const sales = await personPage(browser, "sales");
  await openDocument(sales, ACCOUNT, ROADMAP);
  await expect(sales.locator(".ProseMirror")).not.toContainText(note);

  blocked = false;
  await expect(sync).toHaveAttribute("data-sync-state", "saved", { timeout: 30_000 });
  await expect(sales.locator(".ProseMirror")).toContainText(note);
});
