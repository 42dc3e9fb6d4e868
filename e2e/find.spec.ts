import { expect, test, type Page } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";

const findBar = (page: Page) => page.getByRole("search", { name: "Find in document" });

test("Ctrl+F finds Chinese text and replaces it for everyone, while the highlights stay on the finder's screen", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  const sales = await personPage(browser, "sales");
  await openDocument(lead, ACCOUNT, ROADMAP);
  await openDocument(sales, ACCOUNT, ROADMAP);

  await typeAtEnd(lead, "华东地铁试点线明年通车");
  await expect(sales.locator(".ProseMirror")).toContainText("华东地铁试点线明年通车");

  await lead.keyboard.press("Control+F");
  const find = findBar(lead);
  await expect(find.getByLabel("Find", { exact: true })).toBeFocused();
  await lead.keyboard.type("试点");
  await expect(find.locator("[aria-live=polite]")).toHaveText("1 of 1");
  await expect(lead.locator(".ProseMirror .find-match--current")).toHaveText("试点");
  // Nothing of it reaches the other person: no highlight, and the text as it was.
  await expect(sales.locator(".find-match")).toHaveCount(0);

  await find.getByLabel("Replace with").fill("示范");
  await find.getByRole("button", { name: "Replace", exact: true }).click();
  await expect(lead.locator(".ProseMirror")).toContainText("华东地铁示范线明年通车");
  await expect(find.locator("[aria-live=polite]")).toHaveText("No matches");
  await expect(sales.locator(".ProseMirror")).toContainText("华东地铁示范线明年通车");
  await expect(sales.locator(".find-match")).toHaveCount(0);

  await lead.keyboard.press("Escape");
  await expect(find).toHaveCount(0);
  await expect(lead.locator(".find-match")).toHaveCount(0);
  await expect(lead.locator(".ProseMirror")).toBeFocused();
});

test("a viewer finds in the read-only document but has no replace", async ({ browser }) => {
  const viewer = await personPage(browser, "viewer");
  await openDocument(viewer, ACCOUNT, ROADMAP);
  // Read-only text takes no focus; clicking into it puts the selection there.
  await viewer.locator(".ProseMirror > :first-child").click();
  await viewer.keyboard.press("Control+F");
  const find = findBar(viewer);
  await expect(find.getByLabel("Find", { exact: true })).toBeFocused();
  await viewer.keyboard.type("NORTHWIND");
  await expect(find.locator("[aria-live=polite]")).toHaveText(/^1 of \d+$/);
  await viewer.keyboard.press("Enter");
  await expect(find.locator("[aria-live=polite]")).toHaveText(/^2 of \d+$/);
  await expect(viewer.locator(".find-match--current")).toHaveText("Northwind");
  await expect(find.getByLabel("Replace with")).toHaveCount(0);
  await expect(find.getByRole("button", { name: /replace/i })).toHaveCount(0);

  await viewer.keyboard.press("Escape");
  await expect(viewer.locator(".find-match")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Find in document" })).toBeFocused();
});
