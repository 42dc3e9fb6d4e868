import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { get } from "../../../server/test/clients";
import { demoAccountId, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { auditActionLabel } from "./audit-labels";

const label = (locale: Locale, code: string) => auditActionLabel((key, vars) => translate(locale, key, vars), code);

describe("audit action names", () => {
  it("read as the area and the verb in the reader's language", () => {
    expect(label("en", "accounts.docs.approval.decide")).toBe("Approval: decide");
    expect(label("zh-CN", "accounts.docs.approval.decide")).toBe("审批：审批决定");
    expect(label("en", "accounts.set-currency")).toBe("Account: set currency");
    expect(label("en", "admin.users.invite")).toBe("Admin: people: invite");
    expect(label("en", "api.createActionItem")).toBe("API: create an action item");
    expect(label("zh-CN", "document.edit")).toBe("文档：编辑");
    expect(label("en", "accounts.kpis")).toBe("KPIs");
  });

  it("leave a code Keyroom has no name for as it is (null)", () => {
    expect(label("en", "accounts.unknown-verb")).toBeNull();
    expect(label("en", "somewhere.else")).toBeNull();
  });

  it("name every action a handler writes by itself", () => {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");
    const codes = new Set<string>();
    for (const folder of ["app", "server"]) {
      for (const file of readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })) {
        if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file) || file.includes("test/")) continue;
        const source = readFileSync(path.join(root, folder, file), "utf8");
        for (const match of source.matchAll(/\baction: "([a-z][\w-]*(?:\.[\w-]+)+)"/g)) codes.add(match[1]);
      }
    }
    expect(codes.size).toBeGreaterThan(10);
    expect([...codes].filter((code) => label("en", code) === null)).toEqual([]);
  });
});

describe("the audit page", () => {
  let server: TestServer;
  const people = new People(() => server);

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    people.disconnect();
    await server.close();
  });

  it("shows a write's name in the admin's language, with its code beside it", async () => {
    const northwind = await demoAccountId(server.services.db, NORTHWIND);
    const route = encodeURIComponent("routes/_workspace.accounts.$accountId._index");
    const res = await fetch(`${server.url}/accounts/${northwind}?index&_data=${route}`, {
      method: "POST",
      headers: { cookie: await people.cookie("lead") },
      body: new URLSearchParams({ intent: "set-currency", currency: "USD" }),
    });
    expect(res.status).toBe(200);
    const html = await (await get(server.url, "/admin/audit", await people.cookie("admin"))).text();
    expect(html).toContain("Account: set currency");
    expect(html).toContain("accounts.set-currency</code>");
  });
});
