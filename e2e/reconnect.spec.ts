import { expect, test, type Page, type WebSocketRoute } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);
// Three browsers, sign-ins and typing on a shared machine; the waits inside stay bounded.
test.setTimeout(120_000);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";

/**
 * Routes a page's collab sockets through a switch. Normally each goes to the
 * real server. `cut` closes the open ones from the server's side with a real
 * close frame (as the server does after a rate limit or an overload) and
 * refuses new ones with `refuseWith` until `restore`. While `holding`, the
 * page's messages are dropped on the way, as if the network swallowed them.
 */
async function collabSwitch(page: Page) {
  let refuseWith: number | null = null;
  let holding = false;
  let live: WebSocketRoute[] = [];
  const opened: number[] = [];
  await page.routeWebSocket(/\/collab\//, (ws) => {
    opened.push(Date.now());
    if (refuseWith !== null) return void ws.close({ code: refuseWith, reason: "try again later" });
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (!holding) server.send(message);
    });
    live.push(ws);
  });
  return {
    /** How many sockets the page has opened so far. */
    opened: () => opened.length,
    async cut(code: number, then: number) {
      refuseWith = then;
      const open = live;
      live = [];
      await Promise.all(open.map((ws) => ws.close({ code, reason: "closed by the test" })));
    },
    restore() {
      refuseWith = null;
    },
    hold() {
      holding = true;
    },
  };
}

test("after a rate-limit close (4429) the editor counts down, reconnects by itself and sends what was typed meanwhile", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  const collab = await collabSwitch(lead);
  await openDocument(lead, ACCOUNT, ROADMAP);
  const sales = await personPage(browser, "sales");
  await openDocument(sales, ACCOUNT, ROADMAP);
  const sync = lead.locator("[data-sync-state]");

  // 4429, then "try again later" for every attempt until the test lets it through.
  await collab.cut(4429, 1013);
  await expect(sync).toHaveAttribute("data-sync-state", "reconnecting");
  await expect(sync).toContainText(/Reconnecting in \d+ s/);
  const note = `Typed while reconnecting ${Date.now()}`;
  await typeAtEnd(lead, note);
  await expect(sales.locator(".ProseMirror")).not.toContainText(note);

  collab.restore();
  // The longest wait between attempts is 10 s.
  await expect(sync).toHaveAttribute("data-sync-state", "saved", { timeout: 20_000 });
  await expect(sales.locator(".ProseMirror")).toContainText(note);
});

test("Retry now reconnects at once, from the keyboard", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  const collab = await collabSwitch(lead);
  await openDocument(lead, ACCOUNT, ROADMAP);
  const sync = lead.locator("[data-sync-state]");

  await collab.cut(1013, 1013);
  // Failed attempts back off; wait until the next one is at least 5 s away.
  const countdown = sync.locator(".sync__countdown");
  await expect(countdown).toHaveText(/Reconnecting in ([5-9]|10) s/, { timeout: 45_000 });
  collab.restore();
  const attempts = collab.opened();
  const secondsLeft = Number(/\d+/.exec((await countdown.textContent()) ?? "")?.[0]);
  await sync.getByRole("button", { name: "Retry now" }).focus();
  await lead.keyboard.press("Enter");
  // The new attempt starts well before the scheduled one would have.
  await expect.poll(() => collab.opened(), { timeout: (secondsLeft - 2) * 1_000 }).toBe(attempts + 1);
  await expect(sync).toHaveAttribute("data-sync-state", "saved");
});

test("removed from the team: the page says why, keeps the unsent text, turns read-only and stops reconnecting", async ({
  browser,
}) => {
  const sales = await personPage(browser, "sales");
  const collab = await collabSwitch(sales);
  await openDocument(sales, ACCOUNT, ROADMAP);
  const sync = sales.locator("[data-sync-state]");
  const editor = sales.locator(".ProseMirror");
  const saved = `Saved before removal ${Date.now()}`;
  await typeAtEnd(sales, saved);
  await expect(sync).toHaveAttribute("data-sync-state", "saved");

  // The next keystrokes never reach the server.
  collab.hold();
  const unsent = `Typed but never sent ${Date.now()}`;
  await typeAtEnd(sales, unsent);
  await expect(sync).toHaveAttribute("data-sync-state", "saving");

  const documentUrl = sales.url();
  const accountId = new URL(documentUrl).pathname.split("/")[2];
  const lead = await personPage(browser, "lead");
  await lead.goto(`/accounts/${accountId}/team`);
  await lead.getByRole("button", { name: "Remove Daniel Okafor from the team" }).click();
  await lead.getByRole("button", { name: "Confirm remove" }).click();

  await expect(sync).toHaveAttribute("data-sync-state", "closed");
  const notice = sales.getByRole("alert").filter({ hasText: "You no longer have access to this document" });
  await expect(notice).toContainText("was not saved");
  await expect(notice.getByRole("link", { name: "Back to the portfolio" })).toBeVisible();
  expect(sales.url()).toBe(documentUrl);
  await expect(editor).toContainText(unsent);
  await expect(editor).toHaveAttribute("contenteditable", "false");
  await expect(sync).not.toContainText(/saved/i);

  // A final close stays final: no attempt within the first retry's longest wait, twice over.
  const attempts = collab.opened();
  await sales.waitForTimeout(2_000);
  expect(collab.opened()).toBe(attempts);

  // The specs share one workspace: put Daniel back on the team as the others expect.
  const add = lead.locator("form.team-add");
  await add.getByLabel("Person").selectOption({ label: "Daniel Okafor · sales@demo.keyroom" });
  await add.getByLabel("Department").selectOption("sales");
  await add.getByLabel("Role").selectOption("member");
  await add.getByRole("button", { name: "Add to team" }).click();
  await expect(add.getByRole("status")).toContainText("Added.");
});

test("signed out while disconnected: the refused reconnect is told as a final close, not retried", async ({
  browser,
}) => {
  const logistics = await personPage(browser, "logistics");
  await openDocument(logistics, ACCOUNT, ROADMAP);
  const sync = logistics.locator("[data-sync-state]");
  const documentUrl = logistics.url();

  await logistics.context().setOffline(true);
  await expect(sync).toHaveAttribute("data-sync-state", "offline");
  // The session ends (as from another device) while this page has no socket to be told on.
  const signOut = await logistics.context().request.post("/logout", { maxRedirects: 0 });
  expect(signOut.status()).toBe(302);
  await logistics.context().setOffline(false);

  // The upgrade is refused with HTTP 401, which the browser reports as a bare 1006.
  await expect(sync).toHaveAttribute("data-sync-state", "closed", { timeout: 20_000 });
  const notice = logistics.getByRole("alert").filter({ hasText: "Your session ended" });
  const signIn = notice.getByRole("link", { name: "Sign in again" });
  await expect(signIn).toHaveAttribute(
    "href",
    `/login?${new URLSearchParams({ redirectTo: new URL(documentUrl).pathname })}`,
  );
});
