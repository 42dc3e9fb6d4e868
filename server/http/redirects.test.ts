import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, login, postForm } from "../test/clients";
import { demoAccountId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

/**
 * Redirects stay on this site: every `redirectTo` a form sends
 * (sign-in, language switch, action items) is followed only when it is a path
 * on this site; anything else falls back, and nothing answers 500.
 * Reproduce a failure with REDIRECT_SEED=<seed>.
 */
const SEED = Number(process.env.REDIRECT_SEED ?? 13_013);

let server: TestServer;
let northwind: string;

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
});
afterAll(() => server.close());

const post = (pathname: string, fields: Record<string, string>, cookie?: string) =>
  postForm(server.url, pathname, fields, cookie ? { cookie } : {});

const signIn = (redirectTo: string) =>
  post("/login", { email: "sales@demo.keyroom", password: DEMO_PASSWORD, redirectTo });
const switchLocale = (redirectTo: string) => post("/settings/locale", { locale: "en", redirectTo });

/** A Location a browser would follow to this site only: a path, never `//host` or `/\host`. */
function expectOnSite(res: Response, input: string): void {
  expect(res.status, JSON.stringify(input)).toBe(302);
  const location = res.headers.get("location") ?? "";
  expect(location, JSON.stringify(input)).toMatch(/^\/(?![/\\])/);
  expect(new URL(location, "https://keyroom.test/accounts").origin, JSON.stringify(input)).toBe("https://keyroom.test");
  expect(new URL(location, "https://keyroom.test").pathname.startsWith("//"), JSON.stringify(input)).toBe(false);
}

const TRICKS = [
  "/%09/evil.example",
  "/%0A/evil.example",
  "/\t/evil.example",
  "/%5Cevil.example",
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/accounts\r\nSet-Cookie: stolen=1",
  "/accounts\nx",
  "/accounts\0",
  "/accounts%00",
  `/${"a".repeat(5000)}`,
];

describe("redirectTo stays on this site", () => {
  // Each sign-in pays for a password hash: the full list runs on the language switch below.
  it("sign-in falls back to /accounts for the worst tricks, and never answers 500", async () => {
    for (const input of [
      "/%09/evil.example",
      "/..//evil.example",
      "/accounts\r\nSet-Cookie: stolen=1",
      "/accounts\0",
    ]) {
      const res = await signIn(input);
      expectOnSite(res, input);
      expect(res.headers.get("location"), JSON.stringify(input)).toBe("/accounts");
    }
  });

  it("the language switch falls back to / for every trick, and never answers 500", async () => {
    for (const input of TRICKS) {
      const res = await switchLocale(input);
      expectOnSite(res, input);
      expect(res.headers.get("location"), JSON.stringify(input)).toBe("/");
    }
  });

  it("an action item form goes back to the list for every trick", async () => {
    const cookie = await login(server.url, "lead");
    for (const input of ["/%09/evil.example", "/..//evil.example", "/accounts\r\nx"]) {
      const res = await post(
        `/accounts/${northwind}/actions`,
        { intent: "create", title: "Back", redirectTo: input },
        cookie,
      );
      expectOnSite(res, input);
      expect(res.headers.get("location"), JSON.stringify(input)).toMatch(
        new RegExp(`^/accounts/${northwind}/actions\\?focus=`),
      );
    }
  });

  it("ordinary paths are still followed", async () => {
    expect((await signIn("/accounts?page=2")).headers.get("location")).toBe("/accounts?page=2");
    expect((await switchLocale("/approvals")).headers.get("location")).toBe("/approvals");
  });

  const hostile = fc.oneof(
    fc
      .array(
        fc.constantFrom(
          "/",
          "//",
          "/\\",
          "\\",
          "%5c",
          "%2f",
          "%09",
          "%0a",
          "%0d",
          "%00",
          "%2e%2e",
          "..",
          "\t",
          "\n",
          "\r",
          "\0",
          "／",
          "⁄",
          "＼",
          "ｅｖｉｌ",
          "evil.example",
          "@",
          ":",
          "https:",
          "javascript:",
          "?",
          "#",
        ),
        { minLength: 1, maxLength: 6 },
      )
      .map((parts) => parts.join("")),
    fc.string({ unit: "binary", maxLength: 40 }).map((s) => `/${s}`),
    fc.webUrl(),
  );

  it(`the Location of a real language switch is never absolute nor //, whatever the input (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (input) => expectOnSite(await switchLocale(input), input)),
      { seed: SEED, numRuns: 150 },
    );
  });

  it(`the Location of a real sign-in is never absolute nor //, whatever the input (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (input) => expectOnSite(await signIn(input), input)),
      { seed: SEED, numRuns: 8 },
    );
  });
});
