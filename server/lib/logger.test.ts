import { execFile } from "node:child_process";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

/** A real pino logger writing into memory, one parsed JSON object per line. */
function captured(level: "debug" | "info" | "silent" = "debug") {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger(destination, level);
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe("log", () => {
  it("writes one JSON line per event: level name, ISO time, message and fields", () => {
    const { logger, entries } = captured();
    logger.info("http: request refused", { requestId: "r-1", status: 403 });
    logger.warn("bare message");
    expect(entries()).toEqual([
      {
        level: "info",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        msg: "http: request refused",
        requestId: "r-1",
        status: 403,
      },
      { level: "warn", time: expect.any(String), msg: "bare message" },
    ]);
  });

  it("redacts secret fields, at the top and one object down, and keeps the rest", () => {
    const { logger, lines, entries } = captured();
    const secrets = ["hunter2", "$argon2id$hash", "sess-123", "keyroom_session=abc", "Bearer xyz", "tok-9", "shh"];
    logger.warn("login: refused", {
      address: "127.0.0.1",
      password: secrets[0],
      passwordHash: secrets[1],
      sessionId: secrets[2],
      headers: { cookie: secrets[3], authorization: secrets[4], origin: "https://keyroom.example" },
      user: { id: "u-1", token: secrets[5], sessionSecret: secrets[6] },
    });
    for (const secret of secrets) expect(lines.join("\n")).not.toContain(secret);
    expect(entries()[0]).toMatchObject({
      address: "127.0.0.1",
      password: "[redacted]",
      passwordHash: "[redacted]",
      sessionId: "[redacted]",
      headers: { cookie: "[redacted]", authorization: "[redacted]", origin: "https://keyroom.example" },
      user: { id: "u-1", token: "[redacted]", sessionSecret: "[redacted]" },
    });
  });

  it("leaves the caller's fields untouched", () => {
    const { logger } = captured();
    const fields = { password: "hunter2", headers: { cookie: "c=1" } };
    logger.info("attempt", fields);
    expect(fields).toEqual({ password: "hunter2", headers: { cookie: "c=1" } });
  });

  it("drops events below the level, and everything when silent", () => {
    const { logger, entries } = captured("info");
    logger.debug("too chatty");
    logger.info("kept");
    logger.setLevel("silent");
    logger.error("muted");
    logger.setLevel("debug");
    logger.debug("now kept");
    expect(entries().map((entry) => entry.msg)).toEqual(["kept", "now kept"]);
  });

  it("writes debug and info to stdout, warn and error to stderr, at LOG_LEVEL", async () => {
    const script = [
      'import { log } from "./server/lib/logger.ts";',
      'log.debug("d"); log.info("i", { password: "hunter2" }); log.warn("w"); log.error("e");',
    ].join("\n");
    const run = (level: string) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
        env: { ...process.env, LOG_LEVEL: level },
      });
    const messages = (out: string) =>
      out
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { msg: string }).msg);

    const info = await run("info");
    expect(messages(info.stdout)).toEqual(["i"]);
    expect(info.stdout).not.toContain("hunter2");
    expect(messages(info.stderr)).toEqual(["w", "e"]);

    const debug = await run("debug");
    expect(messages(debug.stdout)).toEqual(["d", "i"]);

    // An unknown level falls back to info rather than failing the server's start.
    expect(messages((await run("loud")).stdout)).toEqual(["i"]);
  });
});
