import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const PLAN = "Northwind account plan 2026";

async function openApproval(page: Page): Promise<void> {
  await page.goto("/accounts");
  await page.getByRole("link", { name: ACCOUNT }).click();
  await page
    .locator(".doc-list")
    .getByRole("link", { name: new RegExp(PLAN) })
    .click();
  await page.getByRole("link", { name: /^Approval: / }).click();
  await expect(page.getByRole("heading", { name: /Approval/, level: 1 })).toBeVisible();
}

async function approveStep(page: Page, comment: string): Promise<void> {
  await page.goto("/approvals");
  await page
    .getByRole("link", { name: new RegExp(PLAN) })
    .first()
    .click();
  await page.getByLabel("Comment").fill(comment);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(comment)).toBeVisible();
}

test("two departments and an executive approve in their own browsers; the requester sees it turn approved live", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  await openApproval(lead);
  // Ask sales and logistics only (the executive is required for account plans).
  const departments = lead.getByRole("group", { name: "Departments that must approve" });
  for (const name of ["Production", "Support"]) await departments.getByLabel(name).uncheck();
  await expect(departments.getByLabel("Executive final approval")).toBeChecked();
  await lead.getByLabel("Note to the approvers").fill("Q3 spare-parts lead time changed to 8 weeks");
  await lead.getByRole("button", { name: "Send for approval" }).click();
  const status = lead.locator("h1 [data-approval]");
  await expect(status).toHaveAttribute("data-approval", "in_review");

  const sales = await personPage(browser, "sales");
  await approveStep(sales, "Prices and rebates hold.");
  const logistics = await personPage(browser, "logistics");
  await approveStep(logistics, "Sea freight covers 8 weeks.");
  await expect(status).toHaveAttribute("data-approval", "in_review");

  const exec = await personPage(browser, "exec");
  await approveStep(exec, "Approved for the Q3 review.");

  // The lead did nothing: the status turns approved on their screen by itself.
  await expect(status).toHaveAttribute("data-approval", "approved");
  await expect(lead.locator(".step--approved")).toHaveCount(3);
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await lead.screenshot({ path: "e2e/artifacts/approval.png", fullPage: true });

  // With the approved plan open, the lead sees "changed since approved" without reloading once sales
  // edits it (announced with the edit feed's flush, every 10 s).
  await openDocument(lead, ACCOUNT, PLAN);
  const badge = lead.locator(".doc-page [data-approval]");
  await expect(badge).toHaveAttribute("data-approval", "approved");
  await openDocument(sales, ACCOUNT, PLAN);
  await typeAtEnd(sales, "Sea freight moves to 9 weeks.");
  await expect(badge).toHaveAttribute("data-approval", "approved_changed", { timeout: 15_000 });
});
