import { describe, expect, it } from "vitest";
import {
  asksExecutive,
  departmentsApproved,
  documentStatus,
  executiveRequired,
  executiveTurnAfter,
  findStep,
  mayDecideNow,
  maySign,
  requestRefusal,
  requestSteps,
  roundStatus,
  signRefusal,
  stepKey,
  turnRefusal,
  type Membership,
  type SignRefusal,
  type StepState,
} from "./approval-rules";

const SALES = "dept-sales";
const LEGAL = "dept-legal";
const round = { requestedById: "requester", requesterDepartmentId: SALES };
const sod = { separationOfDuties: true };
const noSod = { separationOfDuties: false };
const person = (id: string, workspaceRole = "member") => ({ id, workspaceRole });
const member = (role: string, departmentId = SALES): Membership => ({ role, departmentId });

describe("executiveRequired and asksExecutive", () => {
  it.each([
    ["roadmap", false, true, true],
    ["account_plan", false, true, true],
    ["bill_of_rights", false, false, false],
    ["bill_of_rights", true, false, true],
  ])("%s (ticked %s): required %s, asked %s", (kind, ticked, required, asked) => {
    expect(executiveRequired(kind)).toBe(required);
    expect(asksExecutive(kind, ticked)).toBe(asked);
  });
});

describe("requestSteps and requestRefusal", () => {
  it("opens a step per department, the executive's last", () => {
    expect(requestSteps([SALES, LEGAL], true)).toEqual([
      { departmentId: SALES },
      { departmentId: LEGAL },
      { departmentId: null },
    ]);
    expect(requestSteps([SALES], false)).toEqual([{ departmentId: SALES }]);
    expect(requestSteps([], true)).toEqual([{ departmentId: null }]);
  });

  it.each([
    [0, false, "approval.error.nobodyAsked"],
    [0, true, null],
    [2, false, null],
  ] as const)("%i departments, executive %s: %s", (count, executive, refusal) => {
    expect(requestRefusal(count, executive)).toBe(refusal);
  });
});

describe("signRefusal", () => {
  const cases: {
    name: string;
    step: string | null;
    signer: { id: string; workspaceRole: string };
    membership: Membership;
    policy: { separationOfDuties: boolean };
    refusal: SignRefusal | null;
  }[] = [
    {
      name: "the requester signs nothing with separation of duties",
      step: SALES,
      signer: person("requester"),
      membership: member("member"),
      policy: sod,
      refusal: "approval.error.ownRequest",
    },
    {
      name: "the requester executive cannot sign the final step either",
      step: null,
      signer: person("requester", "executive"),
      membership: null,
      policy: sod,
      refusal: "approval.error.ownRequest",
    },
    {
      name: "without separation of duties the requester signs their department",
      step: SALES,
      signer: person("requester"),
      membership: member("member"),
      policy: noSod,
      refusal: null,
    },
    {
      name: "an executive on the team signs the final step",
      step: null,
      signer: person("exec"),
      membership: member("executive"),
      policy: sod,
      refusal: null,
    },
    {
      name: "a workspace executive off the team signs the final step",
      step: null,
      signer: person("exec", "executive"),
      membership: null,
      policy: sod,
      refusal: null,
    },
    {
      name: "a lead is not an executive",
      step: null,
      signer: person("lead"),
      membership: member("lead"),
      policy: sod,
      refusal: "approval.error.executiveOnly",
    },
    {
      name: "a member of the department signs its step",
      step: SALES,
      signer: person("colleague"),
      membership: member("member"),
      policy: sod,
      refusal: null,
    },
    {
      name: "a lead of the department signs its step",
      step: LEGAL,
      signer: person("lead"),
      membership: member("lead", LEGAL),
      policy: noSod,
      refusal: null,
    },
    {
      name: "a member of another department may not",
      step: LEGAL,
      signer: person("colleague"),
      membership: member("member"),
      policy: sod,
      refusal: "approval.error.department",
    },
    {
      name: "an executive on the team does not sign for a department",
      step: SALES,
      signer: person("exec"),
      membership: member("executive"),
      policy: sod,
      refusal: "approval.error.department",
    },
    {
      name: "someone off the team may not",
      step: SALES,
      signer: person("outsider", "executive"),
      membership: null,
      policy: sod,
      refusal: "approval.error.department",
    },
    {
      name: "the lead signs for the requester's department in its stead",
      step: SALES,
      signer: person("lead"),
      membership: member("lead", LEGAL),
      policy: sod,
      refusal: null,
    },
    {
      name: "without separation of duties the lead does not stand in",
      step: SALES,
      signer: person("lead"),
      membership: member("lead", LEGAL),
      policy: noSod,
      refusal: "approval.error.department",
    },
    {
      name: "the lead stands in only for the requester's department",
      step: "dept-ops",
      signer: person("lead"),
      membership: member("lead", LEGAL),
      policy: sod,
      refusal: "approval.error.department",
    },
    {
      name: "a member does not stand in for the requester's department",
      step: SALES,
      signer: person("colleague"),
      membership: member("member", LEGAL),
      policy: sod,
      refusal: "approval.error.department",
    },
  ];

  it.each(cases)("$name", ({ step, signer, membership, policy, refusal }) => {
    expect(signRefusal({ departmentId: step }, signer, membership, round, policy)).toBe(refusal);
    expect(maySign({ departmentId: step }, signer, membership, round, policy)).toBe(refusal === null);
  });
});

const step = (departmentId: string | null, decision = "pending"): StepState => ({ departmentId, decision });

describe("departmentsApproved, turnRefusal and executiveTurnAfter", () => {
  it.each([
    { steps: [step(SALES, "approved"), step(null)], approved: true },
    { steps: [step(SALES, "approved"), step(LEGAL), step(null)], approved: false },
    { steps: [step(SALES, "changes_requested"), step(null)], approved: false },
    { steps: [step(null)], approved: true },
  ])("departments approved: $approved", ({ steps, approved }) => {
    expect(departmentsApproved(steps)).toBe(approved);
    expect(turnRefusal(step(null), steps)).toBe(approved ? null : "approval.error.executiveLast");
    expect(turnRefusal(step(SALES), steps)).toBeNull();
  });

  it.each([
    ["a department's approval completes the departments", SALES, "in_review", true, true],
    ["the round closed with that decision", SALES, "rejected", true, false],
    ["departments still pending", SALES, "in_review", false, false],
    ["the executive decided", "executive", "in_review", true, false],
  ] as const)("%s: %s", (_, decided, status, approved, turn) => {
    const steps = [step(SALES, "approved"), step(LEGAL, approved ? "approved" : "pending"), step(null)];
    expect(executiveTurnAfter(decided, status, steps)).toBe(turn);
  });
});

describe("mayDecideNow", () => {
  const exec = person("exec", "executive");
  it.each([
    {
      name: "a pending department step its member may sign",
      at: 0,
      signer: person("c"),
      m: member("member"),
      ok: true,
    },
    { name: "a decided step", at: 1, signer: person("c"), m: member("member", LEGAL), ok: false },
    { name: "a step the signer may not sign", at: 0, signer: person("c"), m: member("member", LEGAL), ok: false },
    { name: "the executive step before the departments approved", at: 2, signer: exec, m: null, ok: false },
  ])("$name: $ok", ({ at, signer, m, ok }) => {
    const steps = [step(SALES), step(LEGAL, "approved"), step(null)];
    expect(mayDecideNow(steps[at], steps, signer, m, round, sod)).toBe(ok);
  });

  it("the executive step once every department approved", () => {
    const steps = [step(SALES, "approved"), step(null)];
    expect(mayDecideNow(steps[1], steps, exec, null, round, sod)).toBe(true);
  });
});

describe("roundStatus", () => {
  it.each([
    [["approved", "rejected", "changes_requested"], "rejected"],
    [["changes_requested", "pending"], "changes_requested"],
    [["approved", "approved"], "approved"],
    [["approved", "pending"], "in_review"],
    [["pending"], "in_review"],
  ])("%j → %s", (decisions, status) => {
    expect(roundStatus(decisions)).toBe(status);
  });
});

describe("documentStatus", () => {
  it.each([
    [null, false, "draft"],
    [{ status: "approved" }, false, "approved"],
    [{ status: "approved" }, true, "approved_changed"],
    [{ status: "in_review" }, true, "in_review"],
    [{ status: "rejected" }, false, "rejected"],
  ] as const)("%j, changed %s → %s", (round, changed, status) => {
    expect(documentStatus(round, changed)).toBe(status);
  });
});

describe("stepKey and findStep", () => {
  const steps = [
    { departmentId: SALES, department: { key: "sales" } },
    // A department whose key reads like the executive step's is still a department.
    { departmentId: "dept-x", department: { key: "executive" } },
    { departmentId: null, department: null },
  ];

  it("names a step by its department, the executive's by the executive key", () => {
    expect(steps.map(stepKey)).toEqual(["sales", "executive", "executive"]);
  });

  it.each([
    ["sales", 0],
    ["executive", 2],
    ["legal", -1],
  ] as const)("%s → step %i", (key, index) => {
    expect(findStep(steps, key)).toBe(index === -1 ? undefined : steps[index]);
  });
});
