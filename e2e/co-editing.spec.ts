import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";

test("the lead and a sales member type into the same roadmap and see each other's text and cursor", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  const sales = await personPage(browser, "sales");
  await openDocument(lead, ACCOUNT, ROADMAP);
  await openDocument(sales, ACCOUNT, ROADMAP);

  await typeAtEnd(lead, "Lead: confirm the Metro-X pilot scope with procurement.");
  await expect(sales.locator(".ProseMirror")).toContainText("Lead: confirm the Metro-X pilot scope");

  await typeAtEnd(sales, "Sales: send the revised price sheet by Friday.");
  await expect(lead.locator(".ProseMirror")).toContainText("Sales: send the revised price sheet");

  // Each sees the other's named caret, coloured by department.
  await expect(lead.locator(".collaboration-carets__label", { hasText: "Daniel Okafor" })).toBeVisible();
  await expect(sales.locator(".collaboration-carets__label", { hasText: "Maya Chen" })).toBeVisible();
  // And both avatars in the presence list.
  await expect(lead.locator(".presence li")).toHaveCount(2);

  await expect(lead.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");
  await expect(sales.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");

  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await lead.screenshot({ path: "e2e/artifacts/co-editing-carets.png" });
  await lead.evaluate(() => window.scrollTo(0, 0));
  await lead.screenshot({ path: "e2e/artifacts/document-page.png" });

  // What both typed is stored: a fresh visit shows it.
  const reader = await personPage(browser, "production");
  await openDocument(reader, ACCOUNT, ROADMAP);
  await expect(reader.locator(".ProseMirror")).toContainText("Sales: send the revised price sheet by Friday.");
  await expect(reader.locator(".ProseMirror")).toContainText("Lead: confirm the Metro-X pilot scope with procurement.");
});

test("undo only undoes your own edits", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  const sales = await personPage(browser, "sales");
  await openDocument(lead, ACCOUNT, ROADMAP);
  await openDocument(sales, ACCOUNT, ROADMAP);

  await typeAtEnd(sales, "Sales line stays.");
  await expect(lead.locator(".ProseMirror")).toContainText("Sales line stays.");
  await typeAtEnd(lead, "Lead line goes.");
  await expect(sales.locator(".ProseMirror")).toContainText("Lead line goes.");

  await lead.getByRole("button", { name: "Undo your last edit" }).click();
  await expect(lead.locator(".ProseMirror")).not.toContainText("Lead line goes.");
  await expect(lead.locator(".ProseMirror")).toContainText("Sales line stays.");
  await expect(sales.locator(".ProseMirror")).not.toContainText("Lead line goes.");
});

test("edits made offline merge when the connection returns", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  const sales = await personPage(browser, "sales");
  await openDocument(lead, ACCOUNT, ROADMAP);
  await openDocument(sales, ACCOUNT, ROADMAP);

  await sales.context().setOffline(true);
  await expect(sales.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", /offline|connecting/);
  await typeAtEnd(sales, "Written on the train without signal.");
  await typeAtEnd(lead, "Written at the office meanwhile.");
  await sales.context().setOffline(false);

  await expect(lead.locator(".ProseMirror")).toContainText("Written on the train without signal.");
  await expect(sales.locator(".ProseMirror")).toContainText("Written at the office meanwhile.");
  await expect(sales.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");
});

test("a viewer reads the document but cannot edit it", async ({ browser }) => {
  const viewer = await personPage(browser, "viewer");
  await openDocument(viewer, ACCOUNT, ROADMAP);
  await expect(viewer.getByRole("note")).toContainText("does not let you edit it");
  await expect(viewer.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
  // A reader's toolbar finds and comments; it has no formatting.
  const toolbar = viewer.getByRole("toolbar");
  await expect(toolbar.getByRole("button")).toHaveCount(2);
  await expect(toolbar.getByRole("button", { name: "Bold" })).toHaveCount(0);
  await expect(toolbar.getByRole("button", { name: /Comment/ })).toBeVisible();
  // Back again: the copy this browser kept is replayed a moment after the server's, and the
  // page stays "saved" rather than "saving" what the server would refuse from a reader.
  await viewer.reload();
  await expect(viewer.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");
  await viewer.waitForTimeout(1500);
  await expect(viewer.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");
});
