import { describe, expect, it } from "vitest";
import { mapCaret } from "./caret";

describe("mapCaret", () => {
  it("stays put when the change is after it", () => {
    expect(mapCaret("Metro pilot", "Metro pilot line", 5)).toBe(5);
  });

  it("moves with its text when the change is before it", () => {
    // Someone typed "X-" at the start while this person's caret sat after "Metro".
    expect(mapCaret("Metro pilot", "X-Metro pilot", 5)).toBe(7);
    expect(mapCaret("X-Metro pilot", "Metro pilot", 7)).toBe(5);
  });

  it("goes after the new text when the change swallowed it", () => {
    // "pilo" became "tes"; the final "t" is unchanged, so the caret lands before it.
    expect(mapCaret("Metro pilot", "Metro test", 8)).toBe(9);
  });

  it("keeps a caret at the end at the end", () => {
    expect(mapCaret("abc", "zabc", 3)).toBe(4);
    expect(mapCaret("", "新的标题", 0)).toBe(0);
  });

  it("works on Chinese text", () => {
    expect(mapCaret("华东试点线", "华东地铁试点线", 5)).toBe(7);
    expect(mapCaret("华东试点线", "华东地铁试点线", 1)).toBe(1);
  });

  it("never leaves the text", () => {
    expect(mapCaret("aaaa", "aa", 4)).toBe(2);
    expect(mapCaret("aaaa", "", 3)).toBe(0);
  });
});
