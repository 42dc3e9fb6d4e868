import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { catalogOf, translate } from "./i18n.server";

const dir = path.dirname(new URL(import.meta.url).pathname);
const load = (locale: string, file: string) =>
  JSON.parse(readFileSync(path.join(dir, locale, file), "utf8")) as Record<string, string>;

/** The part of an ICU syntax tree these checks read. */
interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
}

// Element types that name an argument: plain, number, date, time, select, plural.
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]);

/** Every argument a message reads, including those inside plural and select branches. */
function argumentNames(message: string, locale: string): string[] {
  const names = new Set<string>();
  const visit = (elements: Element[]) => {
    for (const element of elements) {
      if (ARGUMENT_TYPES.has(element.type)) names.add(String(element.value));
      for (const option of Object.values(element.options ?? {})) visit(option.value);
    }
  };
  visit(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as Element[]);
  return [...names].sort();
}

describe("message files", () => {
  const files = readdirSync(path.join(dir, "en"));

  it.each(files)("%s has the same keys in en and zh-CN, none empty", (file) => {
    const en = load("en", file);
    const zh = load("zh-CN", file);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of [...Object.entries(en), ...Object.entries(zh)]) {
      expect(text.trim(), key).not.toBe("");
    }
  });

  it.each(files)("%s: every message is valid ICU, and zh-CN reads the same arguments as en", (file) => {
    const en = load("en", file);
    const zh = load("zh-CN", file);
    for (const key of Object.keys(en)) {
      const names = argumentNames(en[key], "en");
      expect(argumentNames(zh[key] ?? "", "zh-CN"), `${file} ${key}`).toEqual(names);
    }
  });

  it("keeps apostrophes as text (ICU quotes only before a brace)", () => {
    for (const file of files) {
      for (const [key, text] of Object.entries(load("en", file))) {
        if (!text.includes("'") || text.includes("{")) continue;
        expect(new IntlMessageFormat(text, "en").format(), key).toBe(text);
      }
    }
  });

  it("never defines a key in two files", () => {
    const seen = new Map<string, string>();
    for (const file of files) {
      for (const key of Object.keys(load("en", file))) {
        expect(seen.get(key), `${key} in ${file}`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });
});

describe("translate", () => {
  it("fills arguments and picks the plural form in English", () => {
    expect(translate("en", "portfolio.people", { count: 1 })).toBe("1 person");
    expect(translate("en", "portfolio.people", { count: 2 })).toBe("2 people");
    expect(translate("en", "portfolio.people", { count: 0 })).toBe("0 people");
    expect(translate("en", "kpis.import.error.lines", { count: 1 })).toBe(
      "Nothing was imported: 1 line has a problem. Fix them and import again.",
    );
    expect(translate("en", "kpis.import.error.lines", { count: 3 })).toBe(
      "Nothing was imported: 3 lines have problems. Fix them and import again.",
    );
    expect(translate("en", "reviews.list.counts", { items: 1, decisions: 0, actions: 2 })).toBe(
      "1 agenda item · 0 decisions · 2 action items",
    );
  });

  it("formats Chinese without plural branches", () => {
    expect(translate("zh-CN", "portfolio.people", { count: 1 })).toBe("1 人");
    expect(translate("zh-CN", "team.subtitle", { count: 2, account: "Northwind" })).toContain("共 2 人");
  });

  it("keeps an apostrophe next to an argument", () => {
    expect(translate("en", "activity.member_changed", { actor: "Ana", subject: "Ben" })).toBe(
      "Ana changed Ben's place on the team",
    );
  });

  it("shows a message unfilled rather than failing when a value is missing", () => {
    expect(translate("en", "error.reference")).toBe("Reference: {id}");
  });
});

describe("catalogs", () => {
  it("give each language its own versioned URL, which changes with the messages", () => {
    const en = catalogOf("en");
    const zh = catalogOf("zh-CN");
    expect(en.url).toMatch(/^\/i18n\/en\/[0-9a-f]{12}$/);
    expect(zh.url).toMatch(/^\/i18n\/zh-CN\/[0-9a-f]{12}$/);
    expect(zh.messages["reviews.error.notFound"]).toBe("找不到该回顾");
    expect(en.messages["reviews.error.notFound"]).toBe("No such review");
  });
});
