import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CloseCode, isRetryableClose } from "./close-codes";

const doc = readFileSync(path.join(import.meta.dirname, "../../../docs/close-codes.md"), "utf8");

/** The table's rows: code, name, verdict. */
const rows = new Map(
  [...doc.matchAll(/^\|\s*(\d{4})\s*\|\s*`(\w+)`\s*\|\s*(\w+)\s*\|/gm)].map((m) => [
    Number(m[1]),
    { name: m[2], verdict: m[3] },
  ]),
);

describe("docs/close-codes.md", () => {
  it.each(Object.entries(CloseCode))("documents %s (%i) with the verdict isRetryableClose gives", (name, code) => {
    expect(rows.get(code), `no row for ${code} in docs/close-codes.md`).toEqual({
      name,
      verdict: isRetryableClose(code) ? "retryable" : "final",
    });
  });

  it("documents no code the module does not have", () => {
    expect([...rows.keys()].sort()).toEqual(Object.values(CloseCode).sort());
  });
});
