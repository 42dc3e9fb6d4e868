import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountRoom, documentRoom, HUB_NAMESPACE, reviewRoom } from "~/shared/hub";
import { recentQuarters } from "~/features/kpis/kpi";
import type { RoundKind } from "~/features/scoring-rounds/rounds";
import { appendParagraph, connectClient, synced, upgradeStatus, waitFor, type TestClient } from "../test/clients";
import { demoAccountId, demoDocId, HUADONG, NORTHWIND } from "../test/demo-data";
import { connected, connectHub, request, type HubClient } from "../test/hub-client";
import { People } from "../test/people";
import { startTestServer, type TestServer } from "../test/start-test-server";

/*
 * Access: every role × every resource of one account × every
 * channel, refusals included. The expected outcomes come from the table
 * below, written out by hand, never from permissions.server.ts: if the rule
 * module (or a route that bypasses it) changes, a cell here fails.
 */

type Role = "lead" | "member" | "viewer" | "executive" | "admin" | "outsider" | "anonymous";
type Right =
  | "signedIn"
  | "read"
  | "comment"
  | "edit"
  | "manage"
  | "signDepartment"
  | "signExecutive"
  | "defineKpi"
  | "score"
  | "runRound";

const ROLES: Role[] = ["lead", "member", "viewer", "executive", "admin", "outsider", "anonymous"];

/** The demo user each role signs in as (prisma/seed.ts); anonymous sends no cookie. */
const HANDLE: Record<Role, string | null> = {
  lead: "lead", // Northwind team lead, sales department
  member: "sales", // Northwind member, sales department
  viewer: "viewer", // Northwind viewer
  executive: "exec", // workspace executive, on Northwind's team as "executive"
  admin: "admin", // workspace admin, not on Northwind's team
  outsider: "outsider", // on no team
  anonymous: null,
};

/**
 * Who may do what on Northwind Rail Systems.
 * - read: see the account's pages, documents, reviews (team, plus workspace executives and admins);
 * - comment: start and answer comment threads (everyone on the team, viewers included; PRODUCT.md);
 * - edit: write documents, action items, KPI values, review decisions, ask for approval
 *   (team roles lead, member and executive; never viewers, never off-team admins);
 * - manage: the team itself, the account's stage, scheduling and running reviews (leads, workspace admins);
 * - signDepartment: sign the sales department's approval step (sales leads and members on the team);
 * - signExecutive: give the final executive approval (executives);
 * - defineKpi: add a KPI to the workspace (workspace admins);
 * - score: score a capability or net value round (team leads and members);
 * - runRound: open, set targets for and reveal a round (team leads).
 */
const MAY: Record<Role, Record<Right, boolean>> = {
  // prettier-ignore
  lead:      { signedIn: true,  read: true,  comment: true,  edit: true,  manage: true,  signDepartment: true,  signExecutive: false, defineKpi: false, score: true,  runRound: true  },
  // prettier-ignore
  member:    { signedIn: true,  read: true,  comment: true,  edit: true,  manage: false, signDepartment: true,  signExecutive: false, defineKpi: false, score: true,  runRound: false },
  // prettier-ignore
  viewer:    { signedIn: true,  read: true,  comment: true,  edit: false, manage: false, signDepartment: false, signExecutive: false, defineKpi: false, score: false, runRound: false },
  // prettier-ignore
  executive: { signedIn: true,  read: true,  comment: true,  edit: true,  manage: false, signDepartment: false, signExecutive: true,  defineKpi: false, score: false, runRound: false },
  // prettier-ignore
  admin:     { signedIn: true,  read: true,  comment: false, edit: false, manage: true,  signDepartment: false, signExecutive: false, defineKpi: true,  score: false, runRound: false },
  // prettier-ignore
  outsider:  { signedIn: true,  read: false, comment: false, edit: false, manage: false, signDepartment: false, signExecutive: false, defineKpi: false, score: false, runRound: false },
  // prettier-ignore
  anonymous: { signedIn: false, read: false, comment: false, edit: false, manage: false, signDepartment: false, signExecutive: false, defineKpi: false, score: false, runRound: false },
};

// ---------------------------------------------------------------------------
// Fixture ids, filled in beforeAll (the tables below read them lazily).

let server: TestServer;
const people = new People(() => server);
const ids = {
  account: "",
  doc: "",
  closedReview: "",
  liveReview: "",
  scheduledReview: "",
  secondAgendaItem: "",
  rounds: { capability: "", net_value: "" } as Record<RoundKind, string>,
  users: {} as Record<string, string>,
};
const db = () => server.services.db;
let serial = 0;
const next = () => ++serial;

const account = () => `/accounts/${ids.account}`;
const docPath = () => `${account()}/docs/${ids.doc}`;
const reviewPath = (reviewId: string) => `${account()}/reviews/${reviewId}`;
const CURRENT_QUARTER = recentQuarters(new Date(), 4)[3];
const R = (file: string) => `routes/${file}`;

type Fields = Array<[string, string]>;

/** An anchor as the editor makes one: a Yjs relative position, base64. */
function anchor(index: number): string {
  const doc = new Y.Doc();
  const text = new Y.XmlText("Milestones for the next quarter");
  doc.getXmlFragment("default").insert(0, [text]);
  return Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString("base64");
}

/** The schedule form's fields: one invitee (the lead) and one agenda item. */
function planFields(intent: "schedule" | "update", daysAhead: number): Fields {
  const at = new Date(Date.now() + daysAhead * 86_400_000);
  at.setUTCHours(9, 0, 0, 0);
  return [
    ["intent", intent],
    ["quarter", CURRENT_QUARTER],
    ["scheduledAt", at.toISOString().slice(0, 16)],
    ["tzOffset", "0"],
    ["attendees", ids.users.lead],
    ["agendaKind", "custom"],
    ["agendaTitle", "Access matrix check"],
    ["agendaMinutes", "10"],
  ];
}

// ---------------------------------------------------------------------------
// HTTP helpers.

async function cookieOf(role: Role): Promise<Record<string, string>> {
  const handle = HANDLE[role];
  return handle ? { cookie: await people.cookie(handle) } : {};
}

interface Reply {
  status: number;
  type: string;
  location: string | null;
  /** Remix's redirect for `_data` requests (204 + X-Remix-Redirect). */
  remixRedirect: string | null;
  text: string;
}

async function send(role: Role, url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(`${server.url}${url}`, {
    ...init,
    headers: { ...(await cookieOf(role)), ...(init.headers as Record<string, string> | undefined) },
    redirect: "manual",
  });
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    location: res.headers.get("location"),
    remixRedirect: res.headers.get("x-remix-redirect"),
    text: await res.text(),
  };
}

const withData = (pathname: string, routeId: string) => `${pathname}?_data=${encodeURIComponent(routeId)}`;

function postForm(role: Role, pathname: string, routeId: string, fields: Fields): Promise<Reply> {
  return send(role, withData(pathname, routeId), { method: "POST", body: new URLSearchParams(fields) });
}

// ---------------------------------------------------------------------------
// Resources of the account, their loaders and their state-changing intents.

interface PostChannel {
  /** What is posted, as the cell names it. */
  label: string;
  right: Right;
  /** Status of a success: 200 JSON, or 204 + X-Remix-Redirect. */
  success: 200 | 204;
  fields: () => Fields | Promise<Fields>;
  /** A snapshot of what the intent changes: different after a success, equal after a refusal. */
  probe?: () => Promise<unknown>;
}

interface Resource {
  name: string;
  path: () => string;
  routeId: string;
  /** Right needed to GET it. */
  read: Right;
  /** The body type a reader gets for the document request. */
  pageType?: RegExp;
  /** Loader flags the UI gates on, and the right each must mirror. */
  flags?: Record<string, Right>;
  posts?: PostChannel[];
}

/** The open round every role tries to score (no evidence required, so a bare score is valid). */
async function matrixRound(kind: RoundKind = "capability"): Promise<string> {
  ids.rounds[kind] ||= (
    await db().scoringRound.create({
      data: { accountId: ids.account, kind, quarter: "2041-Q1", requireEvidence: false },
    })
  ).id;
  return ids.rounds[kind];
}

/** A round of its own for each reveal, so every role's attempt meets an open one. */
async function freshRound(kind: RoundKind = "capability"): Promise<string> {
  const round = await db().scoringRound.create({
    data: { accountId: ids.account, kind, quarter: `${2100 + next()}-Q1`, requireEvidence: false },
  });
  return round.id;
}

async function freshApprovalRequest(departments: string[]): Promise<string> {
  const fields: Fields = [
    ["intent", "request-approval"],
    ...departments.map((d): [string, string] => ["departments", d]),
    ["executive", "on"],
  ];
  // Asked by logistics@ (no role here): with separation of duties the requester signs nothing.
  const res = await fetch(
    `${server.url}${withData(`${docPath()}/approval`, R("_workspace.accounts.$accountId.docs.$docId_.approval"))}`,
    { method: "POST", headers: { cookie: await people.cookie("logistics") }, body: new URLSearchParams(fields) },
  );
  expect(res.status, await res.text()).toBe(200);
  const request = await db().approvalRequest.findFirstOrThrow({
    where: { documentId: ids.doc, status: "in_review" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return request.id;
}

const decidedSteps = () =>
  db().approvalStep.count({ where: { request: { documentId: ids.doc }, decision: { not: "pending" } } });

const RESOURCES: Resource[] = [
  {
    name: "account page",
    path: account,
    routeId: R("_workspace.accounts.$accountId._index"),
    read: "read",
    flags: { canEdit: "edit", canLead: "manage" },
    posts: [
      {
        label: "create-document",
        right: "edit",
        success: 204,
        fields: () => [
          ["intent", "create-document"],
          ["kind", "account_plan"],
          ["title", `Matrix plan ${next()}`],
        ],
        probe: () => db().document.count({ where: { accountId: ids.account } }),
      },
      {
        label: "change-stage",
        right: "manage",
        success: 200,
        fields: async () => {
          const { tier } = await db().account.findUniqueOrThrow({ where: { id: ids.account } });
          return [
            ["intent", "change-stage"],
            ["field", "tier"],
            ["value", tier === "key" ? "growth" : "key"],
          ];
        },
        probe: async () => (await db().account.findUniqueOrThrow({ where: { id: ids.account } })).tier,
      },
    ],
  },
  {
    name: "document page",
    path: docPath,
    routeId: R("_workspace.accounts.$accountId.docs.$docId"),
    read: "read",
    flags: { canEdit: "edit", canComment: "comment" },
    posts: [
      {
        label: "comment-start",
        right: "comment",
        success: 200,
        fields: () => [
          ["intent", "comment-start"],
          ["anchorStart", anchor(0)],
          ["anchorEnd", anchor(10)],
          ["quote", "Milestones"],
          ["body", `Matrix comment ${next()}`],
        ],
        probe: () => db().commentThread.count({ where: { documentId: ids.doc } }),
      },
    ],
  },
  {
    name: "versions page",
    path: () => `${docPath()}/versions`,
    routeId: R("_workspace.accounts.$accountId.docs.$docId_.versions"),
    read: "read",
    flags: { canEdit: "edit" },
    posts: [
      {
        label: "save-version",
        right: "edit",
        success: 200,
        fields: () => [
          ["intent", "save-version"],
          ["name", `Matrix version ${next()}`],
        ],
        probe: () => db().docVersion.count({ where: { documentId: ids.doc } }),
      },
    ],
  },
  {
    name: "document Markdown export",
    path: () => `${docPath()}/export.md`,
    routeId: R("_workspace.accounts.$accountId.docs.$docId_.export[.md]"),
    read: "read",
    pageType: /^text\/markdown/,
  },
  {
    name: "approval page",
    path: () => `${docPath()}/approval`,
    routeId: R("_workspace.accounts.$accountId.docs.$docId_.approval"),
    read: "read",
    flags: { canRequest: "edit" },
    posts: [
      {
        label: "request-approval",
        right: "edit",
        success: 200,
        fields: () => [
          ["intent", "request-approval"],
          ["departments", "sales"],
          ["note", `Matrix request ${next()}`],
        ],
        probe: () => db().approvalRequest.count({ where: { documentId: ids.doc } }),
      },
      {
        label: "decide (sales step)",
        right: "signDepartment",
        success: 200,
        fields: async () => [
          ["intent", "decide"],
          ["requestId", await freshApprovalRequest(["sales"])],
          ["step", "sales"],
          ["decision", "approved"],
        ],
        probe: decidedSteps,
      },
      {
        label: "decide (executive step)",
        right: "signExecutive",
        success: 200,
        fields: async () => [
          ["intent", "decide"],
          ["requestId", await freshApprovalRequest([])],
          ["step", "executive"],
          ["decision", "approved"],
        ],
        probe: decidedSteps,
      },
    ],
  },
  {
    name: "team page",
    path: () => `${account()}/team`,
    routeId: R("_workspace.accounts.$accountId.team"),
    read: "read",
    flags: { canManage: "manage" },
    posts: [
      {
        // Moves logistics@ (not a role in this matrix) between two departments.
        label: "change member",
        right: "manage",
        success: 200,
        fields: async () => {
          const member = await logisticsMembership();
          return [
            ["intent", "change"],
            ["userId", ids.users.logistics],
            ["department", member.department.key === "logistics" ? "support" : "logistics"],
            ["role", "member"],
          ];
        },
        probe: async () => (await logisticsMembership()).department.key,
      },
    ],
  },
  {
    name: "actions page",
    path: () => `${account()}/actions`,
    routeId: R("_workspace.accounts.$accountId.actions"),
    read: "read",
    flags: { canEdit: "edit" },
    posts: [
      {
        label: "create action item",
        right: "edit",
        success: 200,
        fields: () => [
          ["intent", "create"],
          ["title", `Matrix action ${next()}`],
        ],
        probe: () => db().actionItem.count({ where: { accountId: ids.account } }),
      },
    ],
  },
  {
    name: "KPI page",
    path: () => `${account()}/kpis`,
    routeId: R("_workspace.accounts.$accountId.kpis"),
    read: "read",
    flags: { canEdit: "edit", canDefine: "defineKpi" },
    posts: [
      {
        label: "save",
        right: "edit",
        success: 200,
        fields: () => [
          ["intent", "save"],
          ["quarter", CURRENT_QUARTER],
          ["value:open_tickets", String(100 + next())],
        ],
        probe: () =>
          db().kpiValue.findFirst({
            where: { accountId: ids.account, quarter: CURRENT_QUARTER, kpi: { key: "open_tickets" } },
            select: { value: true },
          }),
      },
      {
        label: "define KPI",
        right: "defineKpi",
        success: 200,
        fields: () => [
          ["intent", "define"],
          ["key", `matrix_kpi_${next()}`],
          ["name", "Matrix KPI"],
          ["nameZh", "矩阵指标"],
          ["unit", "count"],
          ["direction", "higher_better"],
        ],
        probe: () => db().kpiDefinition.count(),
      },
    ],
  },
  {
    name: "capability assessment page",
    path: () => `${account()}/assessment`,
    routeId: R("_workspace.accounts.$accountId.assessment"),
    read: "read",
    flags: { canEdit: "edit", canLead: "runRound" },
    posts: [
      {
        label: "open round",
        right: "runRound",
        success: 200,
        fields: () => [
          ["intent", "open"],
          ["kind", "capability"],
          ["quarter", `${3000 + next()}-Q1`],
        ],
        probe: () => db().scoringRound.count({ where: { accountId: ids.account } }),
      },
      {
        label: "score",
        right: "score",
        success: 200,
        fields: async () => [
          ["intent", "score"],
          ["roundId", await matrixRound()],
          ["score:leadership", String(1 + (next() % 5))],
        ],
        // updatedAt moves on every save, even of the same level.
        probe: async () =>
          db().roundScore.findMany({ where: { roundId: await matrixRound() }, select: { updatedAt: true } }),
      },
      {
        label: "reveal",
        right: "runRound",
        success: 200,
        fields: async () => [
          ["intent", "reveal"],
          ["roundId", await freshRound()],
        ],
        probe: () => db().scoringRound.count({ where: { accountId: ids.account, status: "revealed" } }),
      },
    ],
  },
  {
    name: "net customer value worksheet",
    path: () => `${account()}/value`,
    routeId: R("_workspace.accounts.$accountId.value"),
    read: "read",
    flags: { canOpen: "runRound" },
    posts: [
      {
        label: "open worksheet",
        right: "runRound",
        success: 204,
        fields: () => [
          ["intent", "open"],
          ["kind", "net_value"],
          ["quarter", `${3000 + next()}-Q1`],
        ],
        probe: () => db().scoringRound.count({ where: { accountId: ids.account, kind: "net_value" } }),
      },
      {
        label: "score worksheet",
        right: "score",
        success: 200,
        fields: async () => [
          ["intent", "score"],
          ["roundId", await matrixRound("net_value")],
          ["score:service", String(next() % 11)],
        ],
        // updatedAt moves on every save, even of the same score.
        probe: async () =>
          db().roundScore.findMany({
            where: { roundId: await matrixRound("net_value") },
            select: { updatedAt: true },
          }),
      },
      {
        label: "reveal worksheet",
        right: "runRound",
        success: 200,
        fields: async () => [
          ["intent", "reveal"],
          ["roundId", await freshRound("net_value")],
        ],
        probe: () =>
          db().scoringRound.count({ where: { accountId: ids.account, kind: "net_value", status: "revealed" } }),
      },
    ],
  },
  {
    name: "roadmap timeline",
    path: () => `${account()}/roadmap`,
    routeId: R("_workspace.accounts.$accountId.roadmap"),
    read: "read",
  },
  {
    name: "rights scorecard",
    path: () => `${account()}/rights`,
    routeId: R("_workspace.accounts.$accountId.rights"),
    read: "read",
  },
  {
    name: "reviews list",
    path: () => `${account()}/reviews`,
    routeId: R("_workspace.accounts.$accountId.reviews._index"),
    read: "read",
    flags: { canLead: "manage" },
    posts: [
      {
        label: "schedule",
        right: "manage",
        success: 204,
        fields: () => planFields("schedule", 40 + next()),
        probe: () => db().review.count({ where: { accountId: ids.account } }),
      },
    ],
  },
  {
    name: "review page (live)",
    path: () => reviewPath(ids.liveReview),
    routeId: R("_workspace.accounts.$accountId.reviews.$reviewId"),
    read: "read",
    flags: { canLead: "manage", canEdit: "edit" },
    posts: [
      {
        label: "record decision",
        right: "edit",
        success: 200,
        fields: () => [
          ["intent", "decision"],
          ["text", `Matrix decision ${next()}`],
        ],
        probe: () => db().reviewDecision.count({ where: { reviewId: ids.liveReview } }),
      },
    ],
  },
  {
    name: "review page (scheduled)",
    path: () => reviewPath(ids.scheduledReview),
    routeId: R("_workspace.accounts.$accountId.reviews.$reviewId"),
    read: "read",
    flags: { canLead: "manage", canEdit: "edit" },
    posts: [
      {
        label: "update schedule",
        right: "manage",
        success: 200,
        fields: () => planFields("update", 60 + next()),
        probe: async () =>
          (await db().review.findUniqueOrThrow({ where: { id: ids.scheduledReview } })).scheduledAt.toISOString(),
      },
    ],
  },
  {
    name: "review Markdown export",
    path: () => `${reviewPath(ids.closedReview)}/export.md`,
    routeId: R("_workspace.accounts.$accountId.reviews.$reviewId_.export[.md]"),
    read: "read",
    pageType: /^text\/markdown/,
  },
  {
    name: "review print page",
    path: () => `${reviewPath(ids.closedReview)}/print`,
    routeId: R("accounts.$accountId.reviews.$reviewId.print"),
    read: "read",
  },
  {
    // Not Northwind's: everyone signed in has their own.
    name: "notifications page",
    path: () => "/notifications",
    routeId: R("_workspace.notifications"),
    read: "signedIn",
    posts: [{ label: "read-all", right: "signedIn", success: 200, fields: () => [["intent", "read-all"]] }],
  },
];

function logisticsMembership() {
  return db().accountMember.findUniqueOrThrow({
    where: { accountId_userId: { accountId: ids.account, userId: ids.users.logistics } },
    select: { department: { select: { key: true } } },
  });
}

// ---------------------------------------------------------------------------
// Expected outcomes, from MAY alone.

type Outcome = "ok" | "forbidden" | "login";

function outcome(role: Role, right: Right): Outcome {
  if (role === "anonymous") return "login";
  return MAY[role][right] ? "ok" : "forbidden";
}

/**
 * Over HTTP a refusal has two answers: someone who may not read the account
 * gets 404, as for an account that does not exist (an id reveals nothing); a
 * reader refused a change gets 403.
 */
type HttpOutcome = Outcome | "hidden";

function httpOutcome(role: Role, resource: Resource, right: Right): HttpOutcome {
  const result = outcome(role, right);
  return result === "forbidden" && outcome(role, resource.read) !== "ok" ? "hidden" : result;
}

interface HttpCell {
  name: string;
  role: Role;
  resource: Resource;
  expected: HttpOutcome;
}

function label(expected: HttpOutcome, success: number, anonymous: string): string {
  const refused = { forbidden: "403", hidden: "404", login: anonymous } as const;
  return expected === "ok" ? String(success) : refused[expected];
}

const pageCells: HttpCell[] = ROLES.flatMap((role) =>
  RESOURCES.map((resource) => {
    const expected = httpOutcome(role, resource, resource.read);
    return {
      name: `${role} · ${resource.name} · GET page → ${label(expected, 200, "302 /login")}`,
      role,
      resource,
      expected,
    };
  }),
);

const dataCells: HttpCell[] = ROLES.flatMap((role) =>
  RESOURCES.map((resource) => {
    const expected = httpOutcome(role, resource, resource.read);
    return {
      name: `${role} · ${resource.name} · GET ?_data → ${label(expected, 200, "204 X-Remix-Redirect /login")}`,
      role,
      resource,
      expected,
    };
  }),
);

const postCells = ROLES.flatMap((role) =>
  RESOURCES.flatMap((resource) =>
    (resource.posts ?? []).map((post) => {
      const expected = httpOutcome(role, resource, post.right);
      return {
        name: `${role} · ${resource.name} · POST ${post.label} → ${label(expected, post.success, "204 X-Remix-Redirect /login")}`,
        role,
        resource,
        post,
        expected,
      };
    }),
  ),
);

/** `[name, cell]` rows, so each test is named by its cell in full ("%s"). */
const named = <T extends { name: string }>(cells: T[]) => cells.map((cell): [string, T] => [cell.name, cell]);

const loginRedirect = (pathname: string) => `/login?redirectTo=${encodeURIComponent(pathname)}`;

// ---------------------------------------------------------------------------

beforeAll(async () => {
  server = await startTestServer();
  ids.account = await demoAccountId(db(), NORTHWIND);
  ids.doc = await demoDocId(db(), NORTHWIND);
  const users = await db().user.findMany({ select: { id: true, email: true } });
  ids.users = Object.fromEntries(users.map((u) => [u.email.split("@")[0], u.id]));
  const reviews = await db().review.findMany({ where: { accountId: ids.account }, select: { id: true, status: true } });
  ids.closedReview = reviews.find((r) => r.status === "closed")?.id ?? "";
  const seededScheduled = reviews.find((r) => r.status === "scheduled")?.id ?? "";
  expect(ids.closedReview, "the demo's closed review").not.toBe("");
  expect(seededScheduled, "the demo's scheduled review").not.toBe("");

  // The demo's scheduled review goes live (decisions need a live review) and the lead schedules another.
  const reviewRoute = R("_workspace.accounts.$accountId.reviews.$reviewId");
  const started = await postForm("lead", reviewPath(seededScheduled), reviewRoute, [["intent", "start"]]);
  expect(started.status, started.text).toBe(200);
  ids.liveReview = seededScheduled;
  const agenda = await db().reviewAgendaItem.findMany({
    where: { reviewId: ids.liveReview },
    orderBy: { position: "asc" },
  });
  ids.secondAgendaItem = agenda[1].id;
  const scheduled = await postForm(
    "lead",
    `${account()}/reviews`,
    R("_workspace.accounts.$accountId.reviews._index"),
    planFields("schedule", 30),
  );
  expect(scheduled.status, scheduled.text).toBe(204);
  ids.scheduledReview = /\/reviews\/([^/?]+)$/.exec(scheduled.remixRedirect ?? "")?.[1] ?? "";
  expect(ids.scheduledReview).not.toBe("");

  // One sign-in per role, up front.
  for (const role of ROLES) await cookieOf(role);
});

afterAll(async () => {
  people.disconnect();
  await server?.close();
});

it("the matrix covers 7 roles × 18 resources, and every resource's state-changing intent", () => {
  expect(pageCells).toHaveLength(7 * 18);
  expect(dataCells).toHaveLength(7 * 18);
  expect(postCells).toHaveLength(7 * 21);
});

describe("HTTP GET page (document request)", () => {
  it.each(named(pageCells))("%s", async (_name, { role, resource, expected }) => {
    const pathname = resource.path();
    const res = await send(role, pathname);
    if (expected === "login") {
      expect(res.status).toBe(302);
      expect(res.location).toBe(loginRedirect(pathname));
    } else if (expected === "forbidden" || expected === "hidden") {
      expect(res.status, res.text.slice(0, 300)).toBe(expected === "hidden" ? 404 : 403);
    } else {
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      expect(res.type).toMatch(resource.pageType ?? /^text\/html/);
    }
  });
});

describe("HTTP GET loader data (?_data=<routeId>)", () => {
  it.each(named(dataCells))("%s", async (_name, { role, resource, expected }) => {
    const pathname = resource.path();
    const res = await send(role, withData(pathname, resource.routeId));
    if (expected === "login") {
      expect(res.status).toBe(204);
      expect(res.remixRedirect).toBe(loginRedirect(pathname));
      return;
    }
    if (expected === "forbidden" || expected === "hidden") {
      expect(res.status, res.text.slice(0, 300)).toBe(expected === "hidden" ? 404 : 403);
      // Nothing of the account leaks in the refusal.
      expect(res.text).not.toContain(NORTHWIND);
      return;
    }
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    if (resource.pageType) {
      expect(res.type).toMatch(resource.pageType);
      return;
    }
    expect(res.type).toMatch(/^application\/json/);
    const data = JSON.parse(res.text) as Record<string, unknown>;
    for (const [flag, right] of Object.entries(resource.flags ?? {})) {
      expect(data[flag], `loader flag ${flag}`).toBe(MAY[role][right]);
    }
  });
});

describe("HTTP POST action (?_data, as a fetcher)", () => {
  it.each(named(postCells))("%s", async (_name, { role, resource, post, expected }) => {
    const pathname = resource.path();
    const fields = await post.fields();
    const before = await post.probe?.();
    const res = await postForm(role, pathname, resource.routeId, fields);
    const after = await post.probe?.();
    if (expected === "ok") {
      expect(res.status, res.text.slice(0, 300)).toBe(post.success);
      if (post.success === 204) expect(res.remixRedirect).toMatch(/^\/accounts\//);
      if (post.probe) expect(after, "the intent changed something").not.toEqual(before);
      return;
    }
    if (expected === "login") {
      expect(res.status).toBe(204);
      expect(res.remixRedirect).toBe(loginRedirect(pathname));
    } else {
      expect(res.status, res.text.slice(0, 300)).toBe(expected === "hidden" ? 404 : 403);
    }
    expect(after, "a refusal changes nothing").toEqual(before);
  });
});

// ---------------------------------------------------------------------------
// Collab WebSocket upgrade to Northwind's roadmap.

describe("collab WebSocket upgrade (/collab/:docId)", () => {
  const clients: TestClient[] = [];
  let observer: TestClient;

  async function open(role: Role): Promise<TestClient> {
    const client = connectClient(server.wsUrl, ids.doc, (await cookieOf(role)).cookie);
    clients.push(client);
    await synced(client);
    return client;
  }

  beforeAll(async () => {
    observer = await open("lead");
  });
  afterAll(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  type CollabOutcome = "writes" | "read-only" | 401 | 403;
  const collabOf = (role: Role): CollabOutcome =>
    role === "anonymous" ? 401 : !MAY[role].read ? 403 : MAY[role].edit ? "writes" : "read-only";
  const cells = ROLES.map((role) => {
    const expected = collabOf(role);
    const text =
      expected === "writes"
        ? "101, edits reach the team"
        : expected === "read-only"
          ? "101 read-only, edit dropped + permission denied"
          : String(expected);
    return { name: `${role} · roadmap document · collab upgrade → ${text}`, role, expected };
  });

  it.each(named(cells))("%s", async (_name, { role, expected }) => {
    if (expected === 401 || expected === 403) {
      expect(await upgradeStatus(server.wsUrl, `/collab/${ids.doc}`, await cookieOf(role))).toBe(expected);
      return;
    }
    const client = await open(role);
    expect(client.text()).toContain("External goals");
    const marker = `collab matrix ${role} ${next()}`;
    if (expected === "writes") {
      appendParagraph(client.doc, marker);
      await waitFor(() => observer.text().includes(marker), `${role}'s edit to reach the lead`);
      return;
    }
    const denied = new Promise<string>((resolve) => {
      // Message type 2 is y-websocket's auth message: how the official client hears "permission denied".
      client.provider.messageHandlers[2] = (_encoder, decoder) => {
        decoding.readVarUint(decoder);
        resolve(decoding.readVarString(decoder));
      };
    });
    appendParagraph(client.doc, marker);
    expect(await denied).toMatch(/read-only/);
    // A client that connects after the refusal sees the server's state, without the edit.
    const late = await open("lead");
    expect(late.text()).toContain("External goals");
    expect(late.text()).not.toContain(marker);
    expect(observer.text()).not.toContain(marker);
  });
});

// ---------------------------------------------------------------------------
// Team hub (socket.io /team): room joins, and the lead's review control.

describe("socket.io team hub", () => {
  const sockets = new Map<Role, HubClient>();

  async function socketOf(role: Role): Promise<HubClient> {
    let socket = sockets.get(role);
    if (!socket) {
      socket = await people.hub(HANDLE[role] ?? "");
      sockets.set(role, socket);
    }
    return socket;
  }

  interface HubEvent {
    event: "account:join" | "document:join" | "review:join" | "review:go";
    target: string;
    right: Right;
    send: (socket: HubClient) => Promise<{ ok: boolean; error?: { code: string } }>;
    /** The room a successful join puts the socket in. */
    room?: () => string;
  }

  /** Whether the server has this client's socket in the room (client and server share the id). */
  const inRoom = (socket: HubClient, room: string) =>
    server.hub.io
      .of(HUB_NAMESPACE)
      .adapter.rooms.get(room)
      ?.has(socket.id ?? "") ?? false;

  const EVENTS: HubEvent[] = [
    {
      event: "account:join",
      target: "Northwind account room",
      right: "read",
      send: (socket) => request(socket, "account:join", { accountId: ids.account }),
      room: () => accountRoom(ids.account),
    },
    {
      event: "document:join",
      target: "roadmap document room",
      right: "read",
      send: (socket) => request(socket, "document:join", { documentId: ids.doc }),
      room: () => documentRoom(ids.doc),
    },
    {
      event: "review:join",
      target: "live review room",
      right: "read",
      send: (socket) => request(socket, "review:join", { reviewId: ids.liveReview }),
      room: () => reviewRoom(ids.liveReview),
    },
    {
      event: "review:join",
      target: "closed review room",
      right: "read",
      send: (socket) => request(socket, "review:join", { reviewId: ids.closedReview }),
      room: () => reviewRoom(ids.closedReview),
    },
    {
      event: "review:go",
      target: "live review's agenda",
      right: "manage",
      send: (socket) => request(socket, "review:go", { reviewId: ids.liveReview, itemId: ids.secondAgendaItem }),
    },
  ];

  describe.each(EVENTS.map((e): [string, HubEvent] => [`${e.event} · ${e.target}`, e]))("%s", (_label, hubEvent) => {
    const cells = ROLES.map((role) => {
      const expected = outcome(role, hubEvent.right);
      const text = expected === "ok" ? "ok" : expected === "forbidden" ? '"forbidden"' : "no connection (401)";
      return { name: `${role} · ${hubEvent.target} · ${hubEvent.event} → ${text}`, role, expected };
    });

    it.each(named(cells))("%s", async (_name, { role, expected }) => {
      if (expected === "login") {
        const client = people.track(connectHub(server.url, undefined));
        const error = await connected(client).then(
          () => null,
          (e: Error & { data?: { code?: number } }) => e,
        );
        expect(error?.message).toBe("Sign in first");
        expect(error?.data?.code).toBe(401);
        return;
      }
      const socket = await socketOf(role);
      const reply = await hubEvent.send(socket);
      if (expected === "ok") expect(reply).toMatchObject({ ok: true });
      else expect(reply).toMatchObject({ ok: false, error: { code: "forbidden" } });
      if (hubEvent.room) expect(inRoom(socket, hubEvent.room()), "in the room").toBe(expected === "ok");
    });
  });
});

// ---------------------------------------------------------------------------
// Lists that span accounts or people: what they let each role reach.

describe("portfolio list (/accounts) and notifications, per person", () => {
  const portfolioCells = ROLES.map((role) => {
    const expected = outcome(role, "read");
    const text = expected === "ok" ? "lists Northwind" : expected === "forbidden" ? "omits Northwind" : "204 /login";
    return { name: `${role} · portfolio · GET ?_data → ${text}`, role, expected };
  });

  it.each(named(portfolioCells))("%s", async (_name, { role, expected }) => {
    const res = await send(role, withData("/accounts", R("_workspace.accounts._index")));
    if (expected === "login") {
      expect(res.status).toBe(204);
      expect(res.remixRedirect).toBe(loginRedirect("/accounts"));
      return;
    }
    expect(res.status).toBe(200);
    const { accounts } = JSON.parse(res.text) as { accounts: Array<{ id: string }> };
    expect(accounts.some((a) => a.id === ids.account)).toBe(expected === "ok");
  });

  it("outsider · someone else's notification · POST read → changes nothing", async () => {
    const notification = await db().notification.create({
      data: { userId: ids.users.lead, kind: "mention", title: "Matrix", link: docPath() },
    });
    const res = await postForm("outsider", "/notifications", R("_workspace.notifications"), [
      ["intent", "read"],
      ["id", notification.id],
    ]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ ok: true, changed: 0 });
    const after = await db().notification.findUniqueOrThrow({ where: { id: notification.id } });
    expect(after.readAt).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// A Northwind document or review asked for under another account's URL, by
// someone who reads that other account only (王芳, on 华东精密机械's team):
// the route must check the resource belongs to the account in the path.

describe("Northwind resources under 华东精密机械's URL, as a 华东精密机械 member", () => {
  let huadong = "";
  beforeAll(async () => {
    huadong = await demoAccountId(db(), HUADONG);
  });
  const swapped = (path: string) => path.replace(`/accounts/${ids.account}/`, `/accounts/${huadong}/`);
  const asWang = async (url: string, init: RequestInit = {}) =>
    fetch(`${server.url}${url}`, {
      ...init,
      headers: { cookie: await people.cookie("wang.fang") },
      redirect: "manual",
    });

  const cells = RESOURCES.filter((r) => /^(document|versions|approval|review )/.test(r.name)).map((resource) => ({
    name: `wang.fang · ${resource.name} under 华东精密机械 · GET ?_data → 404`,
    resource,
  }));

  it.each(named(cells))("%s", async (_name, { resource }) => {
    expect(swapped(resource.path())).not.toBe(resource.path());
    const res = await asWang(withData(swapped(resource.path()), resource.routeId));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(NORTHWIND);
  });

  it("wang.fang · document page under 华东精密机械 · POST comment-start → 404, nothing stored", async () => {
    const before = await db().commentThread.count({ where: { documentId: ids.doc } });
    const res = await asWang(withData(swapped(docPath()), R("_workspace.accounts.$accountId.docs.$docId")), {
      method: "POST",
      body: new URLSearchParams([
        ["intent", "comment-start"],
        ["anchorStart", anchor(0)],
        ["anchorEnd", anchor(10)],
        ["quote", "Milestones"],
        ["body", "Cross-account comment"],
      ]),
    });
    expect(res.status).toBe(404);
    expect(await db().commentThread.count({ where: { documentId: ids.doc } })).toBe(before);
  });

  it("wang.fang · review page (live) under 华东精密机械 · POST record decision → 404, nothing stored", async () => {
    const before = await db().reviewDecision.count({ where: { reviewId: ids.liveReview } });
    const res = await asWang(
      withData(swapped(reviewPath(ids.liveReview)), R("_workspace.accounts.$accountId.reviews.$reviewId")),
      {
        method: "POST",
        body: new URLSearchParams([
          ["intent", "decision"],
          ["text", "Cross-account decision"],
        ]),
      },
    );
    expect(res.status).toBe(404);
    expect(await db().reviewDecision.count({ where: { reviewId: ids.liveReview } })).toBe(before);
  });
});
