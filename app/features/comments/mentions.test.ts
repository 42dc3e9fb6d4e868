import { describe, expect, it } from "vitest";
import { mentionHandle, parseMentions, splitMentions } from "./mentions";

describe("mentions", () => {
  it("makes handles from names in both scripts", () => {
    expect(mentionHandle("Daniel Okafor")).toBe("daniel.okafor");
    expect(mentionHandle(" 王芳 ")).toBe("王芳");
  });

  it("finds person and department handles, once each, ignoring emails and trailing dots", () => {
    const text = "Ask @Daniel.Okafor and @logistics. cc @王芳, not mail@example.com or @ alone; @logistics again";
    expect(parseMentions(text)).toEqual(["daniel.okafor", "logistics", "王芳"]);
  });

  it("splits only known handles for highlighting", () => {
    const parts = splitMentions("@sales please check with @nobody", new Set(["sales"]));
    expect(parts).toEqual([{ text: "@sales", mention: "sales" }, { text: " please check with @nobody" }]);
  });
});
