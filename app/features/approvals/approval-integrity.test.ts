import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { decideApproval } from "~/features/approvals/approval-commands.server";
import type { ApprovalDocument } from "~/features/approvals/approval.schema";
import { updateWorkspaceSettings } from "~/features/approvals/workspace-settings.server";
import { demoAccountId, demoDocId, demoUserIds, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

/*
 * Issue 13, "Workflow correctness": a round's status always agrees with its
 * steps, however many signers press at once; and whoever asked for an
 * approval cannot sign it (separation of duties, a workspace setting).
 */

let server: TestServer;
let northwind: string;
let ids: Record<string, string>;
const people = new People(() => server);
const route = encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId_.approval");

const db = () => server.services.db;

async function post(handle: string, docId: string, fields: [string, string][]) {
  const res = await fetch(`${server.url}/accounts/${northwind}/docs/${docId}/approval?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error: string | null } };
}

async function requestRound(handle: string, docId: string, departments: string[]): Promise<string> {
  const res = await post(handle, docId, [
    ["intent", "request-approval"],
    ...departments.map((d): [string, string] => ["departments", d]),
  ]);
  expect(res).toEqual({ status: 200, body: { ok: true, error: null } });
  const round = await db().approvalRequest.findFirstOrThrow({
    where: { documentId: docId },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return round.id;
}

const decide = (handle: string, docId: string, requestId: string, step: string, decision: string) =>
  post(handle, docId, [
    ["intent", "decide"],
    ["requestId", requestId],
    ["step", step],
    ["decision", decision],
  ]);

/** The invariant, written out here rather than taken from the code under test. */
function statusFromSteps(decisions: string[]): string {
  if (decisions.includes("rejected")) return "rejected";
  if (decisions.includes("changes_requested")) return "changes_requested";
  return decisions.every((d) => d === "approved") ? "approved" : "in_review";
}

/** The round as stored, and the status its steps call for. */
async function stored(requestId: string) {
  const round = await db().approvalRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { status: true, closedAt: true, steps: { select: { decision: true } } },
  });
  return { ...round, expected: statusFromSteps(round.steps.map((s) => s.decision)) };
}

async function documentOf(kind: string): Promise<ApprovalDocument> {
  return db().document.findFirstOrThrow({
    where: { kind, accountId: northwind },
    select: { id: true, accountId: true, title: true, kind: true },
  });
}

async function signer(handle: string) {
  return db().user.findUniqueOrThrow({
    where: { email: `${handle}@demo.keyroom` },
    select: { id: true, name: true, workspaceRole: true },
  });
}

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(db(), NORTHWIND);
  ids = await demoUserIds(db());
});
afterAll(async () => {
  people.disconnect();
  await server.close();
});

describe("approval decisions are atomic", () => {
  it("four departments deciding one round at once over HTTP: the status always follows the steps (10 rounds)", async () => {
    // The bill of rights needs no executive: approvals at once must make it approved.
    const rights = (await documentOf("bill_of_rights")).id;
    const departments = ["sales", "production", "logistics", "support"];
    // A busy database: every transaction starts a little late, which widens the
    // window between what a decision reads and what it writes.
    const database = server.services.db;
    const transaction = database.$transaction.bind(database);
    database.$transaction = (async (...args: Parameters<typeof transaction>) => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      return transaction(...args);
    }) as typeof transaction;
    onTestFinished(() => {
      database.$transaction = transaction;
    });
    for (let i = 0; i < 10; i++) {
      const requestId = await requestRound("lead", rights, departments);
      // Every other round, one department (a different one each time) rejects while the others approve.
      const rejecter = i % 2 === 0 ? departments[(i / 2) % departments.length] : null;
      const answers = await Promise.all(
        departments.map((d) => decide(d, rights, requestId, d, d === rejecter ? "rejected" : "approved")),
      );
      answers.forEach((answer, k) => {
        // Only an approval that lands after the rejection may find the round closed.
        if (rejecter === null || departments[k] === rejecter) expect(answer.status).toBe(200);
        else expect([200, 409]).toContain(answer.status);
      });
      const round = await stored(requestId);
      expect(round.status, `round ${i}`).toBe(round.expected);
      expect(round.status).toBe(rejecter ? "rejected" : "approved");
      expect(round.closedAt).not.toBeNull();
    }
  });

  it("two calls of decideApproval in one process, approve and reject at once: rejected every time (10 rounds)", async () => {
    const roadmap = await documentOf("roadmap");
    const [sales, logistics] = [await signer("sales"), await signer("logistics")];
    for (let i = 0; i < 10; i++) {
      const requestId = await requestRound("lead", roadmap.id, ["sales", "logistics"]);
      const approve = () =>
        decideApproval(server.services, sales, roadmap, {
          requestId,
          step: "sales",
          decision: "approved",
          comment: "",
        });
      const reject = () =>
        decideApproval(server.services, logistics, roadmap, {
          requestId,
          step: "logistics",
          decision: "rejected",
          comment: "",
        });
      // Both orders of starting: whichever commits last must not undo the rejection.
      const results = await Promise.allSettled(i % 2 === 0 ? [approve(), reject()] : [reject(), approve()]);
      const [approval, rejection] = i % 2 === 0 ? results : [results[1], results[0]];
      expect(rejection.status).toBe("fulfilled");
      if (approval.status === "rejected") expect(approval.reason).toMatchObject({ status: 409 });
      const round = await stored(requestId);
      expect(round.status, `round ${i}`).toBe("rejected");
      expect(round.expected).toBe("rejected");
    }
  });

  it("after a rejection no one decides the round any more, even a step still pending", async () => {
    const roadmap = await documentOf("roadmap");
    const requestId = await requestRound("lead", roadmap.id, ["sales", "logistics"]);
    expect((await decide("logistics", roadmap.id, requestId, "logistics", "rejected")).status).toBe(200);
    expect(await decide("sales", roadmap.id, requestId, "sales", "approved")).toEqual({
      status: 409,
      body: { ok: false, error: "This approval round is closed" },
    });
    expect((await stored(requestId)).steps.map((s) => s.decision).sort()).toEqual(["pending", "pending", "rejected"]);
  });
});

describe("separation of duties (on by default)", () => {
  let roadmap: string;
  let requestId: string;

  beforeAll(async () => {
    roadmap = await demoDocId(db(), NORTHWIND);
  });

  it("the requester cannot sign their own department's step, and is told why in their language", async () => {
    requestId = await requestRound("logistics", roadmap, ["logistics", "production"]);
    expect(await decide("logistics", roadmap, requestId, "logistics", "approved")).toEqual({
      status: 403,
      body: {
        ok: false,
        error:
          "You sent this document for approval, so you cannot sign it (separation of duties). Another member of the department, or the team lead, signs instead.",
      },
    });
    // Zhang Min reads Chinese: the same refusal, translated.
    const own = await requestRound("support", roadmap, ["support"]);
    const refused = await decide("support", roadmap, own, "support", "approved");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain("职责分离");
    expect((await stored(own)).steps.every((s) => s.decision === "pending")).toBe(true);
  });

  it("the page names who may still sign each step; the requester is not among them", async () => {
    requestId = await requestRound("logistics", roadmap, ["logistics", "production"]);
    const res = await fetch(`${server.url}/accounts/${northwind}/docs/${roadmap}/approval?_data=${route}`, {
      headers: { cookie: await people.cookie("sales") },
    });
    const data = (await res.json()) as {
      current: { steps: { id: string; key: string }[] };
      signers: Record<string, string[]>;
    };
    const names = (key: string) => data.signers[data.current.steps.find((s) => s.key === key)!.id];
    // Sofia Rossi asked, so logistics signs through the team lead on its behalf.
    expect(names("logistics")).toEqual(["Maya Chen"]);
    expect(names("production")).toEqual(["Li Wei"]);
    expect(names("executive")).toEqual(["Helen Park"]);
    const html = await (
      await fetch(`${server.url}/accounts/${northwind}/docs/${roadmap}/approval`, {
        headers: { cookie: await people.cookie("sales") },
      })
    ).text();
    expect(html).toMatch(/data-signers="logistics"[^>]*>May sign: Maya Chen</);
    // The requester's inbox does not offer the step; the lead's does.
    const inbox = async (handle: string) =>
      (await fetch(`${server.url}/approvals`, { headers: { cookie: await people.cookie(handle) } })).text();
    expect(await inbox("logistics")).toContain("Nothing is waiting for your decision.");
    expect(await inbox("lead")).toContain("Northwind customer roadmap 2026");
  });

  it("the team lead signs the requester's department on its behalf, but no other department", async () => {
    expect(await decide("lead", roadmap, requestId, "production", "approved")).toEqual({
      status: 403,
      body: { ok: false, error: "You cannot sign for that department" },
    });
    expect((await decide("lead", roadmap, requestId, "logistics", "approved")).status).toBe(200);
    expect((await decide("production", roadmap, requestId, "production", "approved")).status).toBe(200);
    expect((await decide("exec", roadmap, requestId, "executive", "approved")).status).toBe(200);
    const round = await db().approvalRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { steps: { include: { department: true } } },
    });
    expect(round.status).toBe("approved");
    expect(round.steps.find((s) => s.department?.key === "logistics")?.deciderId).toBe(ids.lead);
  });

  it("another member of the requester's department signs its step", async () => {
    const own = await requestRound("lead", roadmap, ["sales"]);
    expect((await decide("lead", roadmap, own, "sales", "approved")).status).toBe(403);
    expect((await decide("sales", roadmap, own, "sales", "approved")).status).toBe(200);
  });

  it("with the setting off, the requester may sign their own department's step", async () => {
    await updateWorkspaceSettings(db(), { separationOfDuties: false });
    try {
      const own = await requestRound("logistics", roadmap, ["logistics"]);
      expect((await decide("logistics", roadmap, own, "logistics", "approved")).status).toBe(200);
      // Without the rule there is no stand-in: the lead signs only for sales.
      const other = await requestRound("logistics", roadmap, ["logistics"]);
      expect((await decide("lead", roadmap, other, "logistics", "approved")).status).toBe(403);
    } finally {
      await updateWorkspaceSettings(db(), { separationOfDuties: true });
    }
  });
});
