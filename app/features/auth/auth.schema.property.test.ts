import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_REDIRECT_LENGTH, safeRedirect } from "./auth.schema";

/**
 * Redirects stay on this site: the sanitizer behind every
 * `redirectTo`. Reproduce a failure with REDIRECT_SEED=<seed>.
 */
const SEED = Number(process.env.REDIRECT_SEED ?? 13_013);
const ORIGIN = "https://keyroom.test";
const FALLBACK = "/fallback";

/** What a browser does with a Location header: resolve it against the page's URL. */
function staysOnSite(out: string): boolean {
  return new URL(out, `${ORIGIN}/accounts/a/actions`).origin === ORIGIN;
}

/** The shape every output must have, fallback aside. */
function wellFormed(out: string): boolean {
  return (
    out.startsWith("/") &&
    !out.startsWith("//") &&
    !out.startsWith("/\\") &&
    // ASCII only, no controls: safe in a header and read the same by every browser.
    /^[\x21-\x7e]*$/.test(out) &&
    out.length <= MAX_REDIRECT_LENGTH
  );
}

const hostilePieces = [
  "/",
  "//",
  "/\\",
  "\\",
  "\\\\",
  "%5c",
  "%5C",
  "%2f",
  "%2F",
  "%09",
  "%0a",
  "%0D",
  "%00",
  "%7f",
  "%2e%2e",
  "..",
  ".",
  "\t",
  "\n",
  "\r",
  "\0",
  "\x7f",
  " ",
  "\u00a0",
  "\u2028",
  "／",
  "⁄",
  "∕",
  "＼",
  "﹨",
  "ｅｖｉｌ．ｅｘａｍｐｌｅ",
  "evil.example",
  "@evil.example",
  ":",
  "http:",
  "https:",
  "javascript:",
  "data:",
  "//evil.example",
  "https://evil.example",
  "?",
  "#",
  "&",
  "accounts",
];

const hostile = fc.oneof(
  fc.array(fc.constantFrom(...hostilePieces), { minLength: 1, maxLength: 8 }).map((parts) => parts.join("")),
  fc
    .tuple(fc.constantFrom(...hostilePieces), fc.string({ unit: "binary", maxLength: 40 }))
    .map(([head, tail]) => head + tail),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }).map((s) => `/${s}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webPath().map((path) => `/${path}`),
  fc.integer({ min: MAX_REDIRECT_LENGTH - 10, max: MAX_REDIRECT_LENGTH * 3 }).map((n) => `/${"a".repeat(n)}`),
);

describe(`safeRedirect (seed ${SEED})`, () => {
  it("returns the fallback or a path that keeps the origin, whatever it is given", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const out = safeRedirect(input, FALLBACK);
        if (out === FALLBACK) return;
        expect(wellFormed(out), JSON.stringify(out)).toBe(true);
        expect(staysOnSite(out), JSON.stringify(out)).toBe(true);
        // What a caller rebuilds from the parsed path must stay on the site too.
        expect(new URL(out, ORIGIN).pathname.startsWith("//"), JSON.stringify(out)).toBe(false);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it("keeps ordinary paths, queries and fragments", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 4 }),
        fc.option(fc.stringMatching(/^[a-z]{1,6}=[a-z0-9]{1,6}$/), { nil: undefined }),
        (segments, query) => {
          const path = `/${segments.join("/")}${query ? `?${query}` : ""}`;
          expect(safeRedirect(path, FALLBACK)).toBe(path);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("refuses the known tricks", () => {
    for (const input of [
      "/%09/evil.example",
      "/%0a/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\nSet-Cookie: x=1",
      "/accounts\0",
      "/accounts%00",
      "//evil.example",
      "/\\evil.example",
      "/%5cevil.example",
      "/%5Cevil.example",
      "/..//evil.example",
      "/%2e%2e//evil.example",
      "/a/../..//evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      " /accounts",
      "",
      `/${"a".repeat(MAX_REDIRECT_LENGTH)}`,
      undefined,
      null,
      42,
    ]) {
      expect(safeRedirect(input, FALLBACK), JSON.stringify(input)).toBe(FALLBACK);
    }
  });

  it("encodes unicode lookalikes into a plain path on this site", () => {
    expect(safeRedirect("/／evil.example", FALLBACK)).toBe("/%EF%BC%8Fevil.example");
    expect(safeRedirect("/⁄evil.example", FALLBACK)).toBe("/%E2%81%84evil.example");
    expect(safeRedirect("/accounts?page=2#top", FALLBACK)).toBe("/accounts?page=2#top");
  });
});
