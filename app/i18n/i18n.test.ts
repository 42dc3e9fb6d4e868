import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.dirname(new URL(import.meta.url).pathname);
const load = (locale: string, file: string) =>
  JSON.parse(readFileSync(path.join(dir, locale, file), "utf8")) as Record<string, string>;

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

  it("uses the same placeholders in both languages", () => {
    for (const file of files) {
      const en = load("en", file);
      const zh = load("zh-CN", file);
      for (const key of Object.keys(en)) {
        const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(zh[key] ?? ""), `${file} ${key}`).toEqual(names(en[key]));
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
