import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Limits } from "~/shared/limits";
import type { Db } from "~/utils/db.server";
import { get, login } from "../test/clients";
import { startTestServer, type TestServer } from "../test/start-test-server";
import { setLogLevel } from "../lib/logger";

/**
 * Errors tell the user, not the attacker: every error response is
 * a plain page or JSON with a request id that is also in the log, and holds no
 * stack, file path, library name or SQL.
 */
let server: TestServer;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // The server's log is captured here, so a response's request id can be found in it.
  setLogLevel("info");
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((line: string | Uint8Array) => {
      logLines.push(String(line));
      return true;
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  setLogLevel("silent");
  await server.close();
});

const LEAKS = [/\/work\//, /node_modules/, /\bat \S+ \(/, /\bat file:/, /Error:/, /prisma/i, /sqlite/i, /express/i];

function expectNoLeak(body: string, what: string): void {
  for (const leak of LEAKS) expect(body, `${what} leaks ${leak}`).not.toMatch(leak);
}

/** The response's request id, which its body and the log must both carry. */
async function expectReference(requestId: string | null | undefined, body: string, what: string): Promise<void> {
  expect(requestId, what).toMatch(/^[0-9a-f-]{36}$/);
  expect(body, `${what}: the body quotes the request id`).toContain(requestId);
  const deadline = Date.now() + 2000;
  while (!logLines.some((line) => line.includes(String(requestId))) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(
    logLines.some((line) => line.includes(String(requestId))),
    `${what}: the log has a line with the id`,
  ).toBe(true);
}

/** Sends raw bytes and returns everything the server answers before it closes. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Written, not ended: the server answers, then closes (Connection: close, or after an error).
    const socket = net.connect(server.port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

function parseRaw(answer: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(":")).toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

describe("error responses", () => {
  it("a broken percent-escape gets 400 without a stack, as a page for a browser and JSON for a script", async () => {
    const page = await fetch(`${server.url}/accounts/%E0%A4%A`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expectNoLeak(html, "the page");
    expect(html).toContain("This request could not be read");
    await expectReference(page.headers.get("x-request-id"), html, "the page");

    const data = await fetch(`${server.url}/accounts/%E0%A4%A?_data=root`);
    expect(data.status).toBe(400);
    const body = await data.text();
    expectNoLeak(body, "the JSON");
    expect(JSON.parse(body)).toMatchObject({
      error: { code: "bad_request", requestId: data.headers.get("x-request-id") },
    });
    await expectReference(data.headers.get("x-request-id"), body, "the JSON");
  });

  it("headers over Node's limit get 431 with a JSON body and a request id", async () => {
    const answer = parseRaw(
      await raw(`GET /accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${"a".repeat(20_000)}\r\n\r\n`),
    );
    expect(answer.status).toBe(431);
    expectNoLeak(answer.body, "the 431");
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "headers_too_large" } });
    await expectReference(answer.headers["x-request-id"], answer.body, "the 431");
  });

  it("a garbled request line gets 400 with a JSON body and a request id", async () => {
    const answer = parseRaw(await raw("NOT A REQUEST\r\n\r\n"));
    expect(answer.status).toBe(400);
    expectNoLeak(answer.body, "the 400");
    await expectReference(answer.headers["x-request-id"], answer.body, "the 400");
  });

  it("a body over the limit gets 413 with a request id", async () => {
    const res = await fetch(`${server.url}/login`, { method: "POST", body: "x".repeat(Limits.maxHttpBodyBytes + 1) });
    expect(res.status).toBe(413);
    const body = await res.text();
    expectNoLeak(body, "the 413");
    await expectReference(res.headers.get("x-request-id"), body, "the 413");
  });

  it("an unknown page gets the 404 page quoting its request id", async () => {
    const res = await get(server.url, "/no-such-page");
    expect(res.status).toBe(404);
    const html = await res.text();
    expectNoLeak(html, "the 404");
    await expectReference(res.headers.get("x-request-id"), html, "the 404");
  });

  it("a Host header the URL parser refuses gets 400, not a stack", async () => {
    const answer = parseRaw(await raw("GET /accounts HTTP/1.1\r\nHost: [bad\r\nConnection: close\r\n\r\n"));
    expect(answer.status).toBe(400);
    expectNoLeak(answer.body, "the bad host");
    await expectReference(answer.headers["x-request-id"], answer.body, "the bad host");
  });

  it("a loader that fails gets a 500 page and data answer with a request id, never the error's text", async () => {
    const cookie = await login(server.url, "lead");
    const real = server.services.db;
    const secret = "SQLITE_ERROR: no such column prisma.account.count in /work/main/node_modules/x.js";
    // Fault injection: the real client, with the portfolio's count failing like a broken query.
    server.services.db = new Proxy(real, {
      get(target, property, receiver) {
        if (property !== "account") return Reflect.get(target, property, receiver) as unknown;
        return new Proxy(target.account, {
          get(account, name, accountReceiver) {
            if (name === "count") return () => Promise.reject(new Error(secret));
            return Reflect.get(account, name, accountReceiver) as unknown;
          },
        });
      },
    }) as Db;
    try {
      const page = await get(server.url, "/accounts", cookie);
      expect(page.status).toBe(500);
      const html = await page.text();
      expectNoLeak(html, "the 500 page");
      expect(html).not.toContain("no such column");
      await expectReference(page.headers.get("x-request-id"), html, "the 500 page");

      const data = await get(
        server.url,
        `/accounts?_data=${encodeURIComponent("routes/_workspace.accounts._index")}`,
        cookie,
      );
      expect(data.status).toBe(500);
      const body = await data.text();
      expectNoLeak(body, "the 500 data");
      expect(body).not.toContain("no such column");
      expect(JSON.parse(body)).toMatchObject({ requestId: data.headers.get("x-request-id") });
      await expectReference(data.headers.get("x-request-id"), body, "the 500 data");
    } finally {
      server.services.db = real;
    }
  });

  it("the error page keeps the hardening headers", async () => {
    const res = await fetch(`${server.url}/accounts/%E0%A4%A`, { headers: { accept: "text/html" } });
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
