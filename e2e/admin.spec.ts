import { expect, test } from "@playwright/test";
import { closePeople, personPage } from "./fixtures";

test.afterEach(closePeople);

test("the admin invites someone, who opens the link in their own browser, chooses a password and is in", async ({
  browser,
}) => {
  const admin = await personPage(browser, "admin");
  await admin.goto("/admin/users");
  const invite = admin.locator("section", { has: admin.getByRole("heading", { name: "Invite someone" }) });
  await invite.getByLabel("Email").fill("eve.e2e@example.com");
  await invite.getByLabel("Name").fill("Eve Invitee");
  await invite.getByLabel("Department").selectOption({ label: "Support" });
  await invite.getByRole("button", { name: "Create invitation link" }).click();
  const link = admin.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{32}$/);
  const url = await link.inputValue();
  await expect(admin.getByText("eve.e2e@example.com")).toBeVisible();

  // A fresh browser: nobody signed in.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByText("Welcome, Eve Invitee")).toBeVisible();
    await page.getByLabel(/^Password/).fill("eve-chooses-well");
    await page.getByLabel("Repeat the password").fill("eve-chooses-wel1");
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(page.getByText("The two passwords differ.")).toBeVisible();
    await expect(page.getByLabel("Repeat the password")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel(/^Password/).fill("eve-chooses-well");
    await page.getByLabel("Repeat the password").fill("eve-chooses-well");
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(page).toHaveURL(/\/accounts$/);
    // The link was for one use.
    const again = await page.goto(url);
    expect(again?.status()).toBe(404);
  } finally {
    await context.close();
  }
});

test("a deactivated person is signed out at once", async ({ browser }) => {
  const support = await personPage(browser, "support");
  const admin = await personPage(browser, "admin");
  await admin.goto("/admin/users?q=support%40demo");
  const row = admin.getByRole("listitem").filter({ hasText: "support@demo.keyroom" });
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByText("Deactivated")).toBeVisible();

  await support.goto("/accounts");
  await expect(support).toHaveURL(/\/login/);

  // Other specs share the server: bring them back.
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(row.getByText("Deactivated")).toHaveCount(0);
});
