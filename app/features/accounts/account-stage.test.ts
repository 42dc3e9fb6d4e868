import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { changeStage } from "~/features/accounts/stage.server";
import type { WorkflowError } from "~/utils/workflow-error.server";
import { waitFor } from "../../../server/test/clients";
import { demoAccountId, NORTHWIND } from "../../../server/test/demo-data";
import { collect, request } from "../../../server/test/hub-client";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;
let northwind: string;
const people = new People(() => server);

/** Posts to the account page's action and returns the status and JSON, as a fetcher would. */
async function post(handle: string, fields: Record<string, string>) {
  const route = encodeURIComponent("routes/_workspace.accounts.$accountId._index");
  const res = await fetch(`${server.url}/accounts/${northwind}?index&_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return res;
}

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
});
afterEach(() => {
  people.disconnect();
});
afterAll(() => server.close());

describe("stage changes", () => {
  it("the lead moves the account up the ladder: stored, in the history and pushed to the feed", async () => {
    const watcher = await people.hub("sales");
    await request(watcher, "account:join", { accountId: northwind });
    const feed = collect(watcher, "activity");

    const res = await post("lead", {
      intent: "change-stage",
      field: "ladderStage",
      value: "advocate",
      note: "Spoke for us at the rail expo",
    });
    expect(res.status).toBe(200);
    expect(await server.services.db.account.findUniqueOrThrow({ where: { id: northwind } })).toMatchObject({
      ladderStage: "advocate",
    });
    const history = await server.services.db.stageChange.findFirstOrThrow({
      where: { accountId: northwind },
      orderBy: { changedAt: "desc" },
    });
    expect(history).toMatchObject({ field: "ladderStage", fromValue: "supporter", toValue: "advocate" });
    await waitFor(() => feed.some((a) => a.kind === "stage_changed"), "stage activity");
    expect(feed.find((a) => a.kind === "stage_changed")).toMatchObject({
      actorName: "Maya Chen",
      subject: "Spoke for us at the rail expo",
      detail: "ladderStage/supporter/advocate",
    });
  });

  it("a workspace admin may change the stage without being on the team", async () => {
    const res = await post("admin", { intent: "change-stage", field: "lifecycleStage", value: "develop" });
    expect(res.status).toBe(200);
  });

  it("refuses members, viewers and outsiders, and stores nothing", async () => {
    const before = await server.services.db.stageChange.count();
    for (const handle of ["sales", "viewer", "outsider"]) {
      const res = await post(handle, { intent: "change-stage", field: "tier", value: "growth" });
      // An outsider is told the account does not exist; a reader, that the change is not theirs.
      expect(res.status, handle).toBe(handle === "outsider" ? 404 : 403);
    }
    expect(await server.services.db.stageChange.count()).toBe(before);
  });

  it("refuses a value from another field's vocabulary, and a change to the current stage", async () => {
    expect((await post("lead", { intent: "change-stage", field: "tier", value: "partner" })).status).toBe(400);
    const current = await server.services.db.account.findUniqueOrThrow({ where: { id: northwind } });
    const same = await post("lead", { intent: "change-stage", field: "tier", value: current.tier });
    expect(same.status).toBe(400);
    expect(await same.json()).toEqual({ ok: false, stageError: "The account is already at that stage" });
  });
});

describe("stage changes at the same moment", () => {
  it("two moves at once: one wins, the other is refused (409), and the history holds only what happened", async () => {
    const { db } = server.services;
    const actor = (await db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } })).id;
    const targets = ["growth", "maintain", "strategic", "key"] as const;
    const before = await db.stageChange.count({ where: { accountId: northwind, field: "tier" } });
    let moves = 0;
    for (let round = 0; round < 5; round++) {
      const a = targets[(round * 2) % targets.length];
      const b = targets[(round * 2 + 1) % targets.length];
      const results = await Promise.allSettled([
        changeStage(server.services, actor, northwind, { intent: "change-stage", field: "tier", value: a, note: "" }),
        changeStage(server.services, actor, northwind, { intent: "change-stage", field: "tier", value: b, note: "" }),
      ]);
      // A move to the stage the account already has is refused (400) before the race: not counted.
      const raced = results.filter((r) => !(r.status === "rejected" && (r.reason as WorkflowError).status === 400));
      const won = raced.filter((r) => r.status === "fulfilled").length;
      if (raced.length === 2) expect(won).toBe(1);
      moves += won;
    }
    // One history row per move that happened: no move recorded twice from the same stage.
    expect(await db.stageChange.count({ where: { accountId: northwind, field: "tier" } })).toBe(before + moves);
  });
});

describe("documents in the feed", () => {
  it("creating a document records who created it", async () => {
    const res = await post("sales", { intent: "create-document", kind: "account_plan", title: "Plan B" });
    expect(res.status).toBe(204);
    const entry = await server.services.db.activity.findFirst({ where: { kind: "doc_created", subject: "Plan B" } });
    expect(entry?.documentId).toBeTruthy();
  });
});
