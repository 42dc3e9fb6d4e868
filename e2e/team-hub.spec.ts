import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";

test("a comment with an @mention reaches the mentioned person live, who jumps to the anchored text", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  const logistics = await personPage(browser, "logistics");
  await openDocument(lead, ACCOUNT, ROADMAP);
  // Other specs share the server: Sofia starts with nothing unread.
  const badge = logistics.getByTestId("unread-count");
  await logistics.goto("/notifications");
  const markAll = logistics.getByRole("button", { name: "Mark all read" });
  if (await markAll.count()) await markAll.click();
  await expect(badge).toHaveCount(0);
  await logistics.goto("/accounts");

  // The lead writes a line, selects it and comments on it, mentioning Sofia through the suggestions.
  const line = "Customs paperwork for the Metro-X pilot shipment";
  await typeAtEnd(lead, line);
  await lead.keyboard.press("Shift+Home");
  await lead.getByRole("button", { name: "Comment", exact: true }).click();
  const box = lead.getByRole("combobox", { name: "New comment" });
  await expect(box).toBeFocused();
  await box.pressSequentially("@sof");
  await expect(lead.getByRole("option", { name: /Sofia Rossi/ })).toBeVisible();
  await box.press("Enter");
  await box.pressSequentially("can you confirm the customs timeline?");
  await box.press("Control+Enter");

  const thread = lead.getByRole("article", { name: `Comment thread on “${line}”` });
  await expect(thread).toBeVisible();
  await expect(thread.locator(".mention")).toHaveText("@sofia.rossi");
  await expect(lead.locator(".comment-anchor", { hasText: line })).toBeVisible();

  // Sofia, on the portfolio, gets the notification live: a toast and an unread count.
  await expect(badge).toHaveText("1");
  const toast = logistics.getByRole("status").getByRole("link", { name: /Maya Chen mentioned you in/ });
  await expect(toast).toBeVisible();
  await toast.click();

  // The link opens the document with the thread open and its text highlighted and selected.
  await expect(logistics).toHaveURL(/\/docs\/[^?]+\?thread=/);
  await expect(logistics.locator(".thread--active")).toContainText("can you confirm the customs timeline?");
  await expect(logistics.locator(".comment-anchor--active")).toHaveText(line);
  await expect(logistics.locator(".comment-anchor--active")).toBeInViewport();

  // Her reply reaches the lead's open thread without a reload.
  const reply = logistics.getByRole("combobox", { name: "Reply" });
  await reply.pressSequentially("Yes: papers filed, cleared by the 14th.");
  await reply.press("Control+Enter");
  await expect(thread).toContainText("Yes: papers filed, cleared by the 14th.");

  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await lead.screenshot({ path: "e2e/artifacts/comments.png", fullPage: false });
});

test("the account page shows who is online, in which document, and the activity live", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  const production = await personPage(browser, "production");
  await lead.getByRole("link", { name: ACCOUNT }).click();
  const online = lead.getByRole("list", { name: "Online now" });
  await expect(online).toContainText("Maya Chen");

  await openDocument(production, ACCOUNT, ROADMAP);
  await expect(online.getByRole("listitem").filter({ hasText: "Li Wei" })).toContainText(`in ${ROADMAP}`);

  await typeAtEnd(production, "Li Wei adds a line to the roadmap.");
  await expect(lead.locator(".feed")).toContainText(`Li Wei edited ${ROADMAP}`, { timeout: 20_000 });

  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await lead.screenshot({ path: "e2e/artifacts/account-activity.png", fullPage: true });

  // In the document, the others see which section Li Wei is working in.
  await openDocument(lead, ACCOUNT, ROADMAP);
  const heading = production.locator(".ProseMirror h2").first();
  await heading.click();
  await expect(lead.locator(".sections-now")).toContainText(`Li Wei · ${await heading.textContent()}`);

  await production.context().close();
  await lead.goBack();
  await expect(online).not.toContainText("Li Wei");
});

test("a viewer comments on selected text with Ctrl+Alt+M, and the team sees it", async ({ browser }) => {
  const viewer = await personPage(browser, "viewer");
  const lead = await personPage(browser, "lead");
  await openDocument(viewer, ACCOUNT, ROADMAP);
  await openDocument(lead, ACCOUNT, ROADMAP);
  await expect(viewer.getByRole("note")).toContainText("You can read and comment on this document");

  // The viewer's editor takes no edits, but a phrase can be selected and commented on.
  const heading = viewer.locator(".ProseMirror h2").first();
  const quote = ((await heading.textContent()) ?? "").trim();
  await heading.selectText();
  await viewer.keyboard.press("Control+Alt+m");
  const box = viewer.getByRole("combobox", { name: "New comment" });
  await expect(box).toBeFocused();
  await box.pressSequentially("Finance asks: is this funded this quarter?");
  await box.press("Control+Enter");

  const thread = lead.getByRole("article", { name: `Comment thread on “${quote}”` });
  await expect(thread).toContainText("Finance asks: is this funded this quarter?");
  await expect(viewer.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
});
