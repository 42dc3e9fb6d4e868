import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentToYjsState, contentHash, yjsStateToContent } from "~/features/documents/document-content.server";
import { h, initiative, internal, p, right, text } from "~/features/documents/doc-templates";
import { plainText } from "~/features/search/document-text";
import { asBytes } from "~/utils/db.server";
import { login, postForm } from "../../../server/test/clients";
import { demoDocId, demoUserIds, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { customerContent } from "./shared-content";

const CHROME_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

/** The page's text between its article tags, as a reader sees it (tags out, entities read). */
function articleText(html: string): string {
  const article = /<article class="shared__content">([\s\S]*?)<\/article>/.exec(html)?.[1] ?? "";
  return article
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

const squash = (value: string) => value.replace(/\s+/g, " ").trim();

/** A page without what differs per response anyway: its CSP nonce and its error reference. */
const samePage = (html: string) =>
  html.replace(/nonce="[^"]*"/g, "").replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "");

/** Remix answers a form post with `?_data=<route id>` with the action's JSON. */
const ROUTE_DATA = `_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId_.share")}`;

describe("customer share links", () => {
  let server: TestServer;
  let rightsId: string;
  let roadmapId: string;
  let leadCookie: string;
  const page = (docId: string) => `/accounts/${accountId}/docs/${docId}/share`;
  let accountId: string;

  /** Approves `content` as a new version of the bill of rights, as a completed approval round stores it. */
  async function approve(name: string, content: Parameters<typeof contentToYjsState>[0]) {
    const { db } = server.services;
    const users = await demoUserIds(db);
    const state = contentToYjsState(content);
    const version = await db.docVersion.create({
      data: {
        documentId: rightsId,
        name,
        reason: "approval",
        state: asBytes(state),
        contentHash: contentHash(content),
        createdById: users.lead,
      },
    });
    await db.approvalRequest.create({
      data: {
        documentId: rightsId,
        versionId: version.id,
        contentHash: version.contentHash,
        status: "approved",
        needsExecutive: true,
        requestedById: users.lead,
        closedAt: new Date(Date.now() + 1000 * (await db.approvalRequest.count())),
      },
    });
    return yjsStateToContent(state);
  }

  const create = (docId: string, cookie: string, expiresInDays = "30") =>
    postForm(
      server.url,
      `${page(docId)}?${ROUTE_DATA}`,
      { intent: "create", expiresInDays },
      { cookie, origin: server.url },
    );
  const tokenOf = async (response: Response) => {
    const body = (await response.json()) as { url: string };
    return new URL(body.url).pathname;
  };

  beforeAll(async () => {
    server = await startTestServer();
    rightsId = await demoDocId(server.services.db, NORTHWIND, "bill_of_rights");
    roadmapId = await demoDocId(server.services.db, NORTHWIND, "roadmap");
    accountId = (await server.services.db.document.findUniqueOrThrow({ where: { id: rightsId } })).accountId;
    leadCookie = await login(server.url, "lead");
  });
  afterAll(() => server.close());

  it("shows the customer exactly the approved version, without internal sections or internal goals, and logs the view", async () => {
    const approved = await approve("For the customer, v2", {
      type: "doc",
      content: [
        h(2, "Your rights as our customer"),
        right({ right: "Spare gear sets shipped within 48 hours", situation: "A gearbox fails in service" }),
        p(text("We measure every right each quarter & publish the result.")),
        internal(p(text("Internal: margin on spares is 31%, keep it below 35."))),
        initiative({ startQuarter: "2026-Q2", title: "Depot in Leeds", goal: "external" }, [text("Opens in May.")]),
        initiative({ startQuarter: "2026-Q3", title: "Raise share of wallet", goal: "internal" }, [
          text("From 38% to 45%."),
        ]),
      ],
    });
    const path = await tokenOf(await create(rightsId, leadCookie));
    expect(path).toMatch(/^\/s\/[A-Za-z0-9_-]{32}$/);

    const res = await fetch(`${server.url}${path}`, { headers: { "user-agent": CHROME_ON_WINDOWS } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const shown = articleText(html);
    const kept = plainText(customerContent(approved)).split("\n");
    const hidden = plainText(approved)
      .split("\n")
      .filter((line) => !kept.includes(line));
    expect(hidden).toEqual([
      "Internal: margin on spares is 31%, keep it below 35.",
      "Raise share of wallet",
      "From 38% to 45%.",
    ]);
    for (const line of kept) expect(shown).toContain(squash(line));
    for (const line of hidden) expect(html).not.toContain(line.slice(0, 20));
    expect(html).toContain("For the customer, v2");
    // Nothing of the workspace: no scripts, no chrome, no other document.
    expect(html).not.toMatch(/<script[^>]*src=/);
    expect(html).not.toContain("app-header");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");

    const team = await fetch(`${server.url}${page(rightsId)}?${ROUTE_DATA}`, {
      headers: { cookie: await login(server.url, "sales") },
    });
    const { links, canManage } = (await team.json()) as {
      links: Array<{ viewCount: number; views: Array<{ client: string }> }>;
      canManage: boolean;
    };
    expect(canManage).toBe(false);
    expect(links[0].viewCount).toBe(1);
    expect(links[0].views[0].client).toBe("Chrome on Windows");
  });

  it("follows a newer approval, and shows the customer's language on request", async () => {
    const path = await tokenOf(await create(rightsId, leadCookie));
    await approve("For the customer, v3", { type: "doc", content: [p(text("准时交付率不低于 97%。"))] });
    const html = await (await fetch(`${server.url}${path}?lang=zh-CN`)).text();
    expect(articleText(html)).toContain("准时交付率不低于 97%。");
    expect(html).toContain("已批准版本“For the customer, v3”");
  });

  it("is made and revoked by the team lead only, and only for an approved roadmap or bill of rights", async () => {
    expect((await create(rightsId, await login(server.url, "sales"))).status).toBe(403);
    expect((await create(rightsId, await login(server.url, "outsider"))).status).toBe(404);
    const refused = await create(roadmapId, leadCookie);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toBe("not-approved");
    const plan = await demoDocId(server.services.db, NORTHWIND, "account_plan");
    expect(((await (await create(plan, leadCookie)).json()) as { error: string }).error).toBe("not-shareable");
  });

  it("answers revoked, expired and guessed links with the same plain 404", async () => {
    const guessed = await fetch(`${server.url}/s/${"A".repeat(32)}`);
    expect(guessed.status).toBe(404);
    const notFound = samePage(await guessed.text());

    const revokedPath = await tokenOf(await create(rightsId, leadCookie));
    expect((await fetch(`${server.url}${revokedPath}`)).status).toBe(200);
    const link = await server.services.db.shareLink.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const revoke = await postForm(
      server.url,
      `${page(rightsId)}?${ROUTE_DATA}`,
      { intent: "revoke", linkId: link.id },
      { cookie: leadCookie, origin: server.url },
    );
    expect(revoke.status).toBe(200);
    const revoked = await fetch(`${server.url}${revokedPath}`);
    expect(revoked.status).toBe(404);
    expect(samePage(await revoked.text())).toBe(notFound);

    const expiringPath = await tokenOf(await create(rightsId, leadCookie, "7"));
    await server.services.db.shareLink.updateMany({
      where: { revokedAt: null, expiresAt: { not: null } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await fetch(`${server.url}${expiringPath}`);
    expect(expired.status).toBe(404);
    expect(samePage(await expired.text())).toBe(notFound);
  });

  it("slows a client that tries many links (429 with Retry-After)", async () => {
    const answers: Response[] = [];
    for (let i = 0; i < 30; i++) answers.push(await fetch(`${server.url}/s/${String(i).padStart(32, "B")}`));
    const limited = answers.filter((res) => res.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
