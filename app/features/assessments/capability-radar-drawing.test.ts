import { describe, expect, it } from "vitest";
import { wrapLabel } from "./capability-radar-drawing";

describe("the radar's element names", () => {
  it("wrap at spaces and after hyphens, joining words while they fit", () => {
    expect(wrapLabel("Information & technology", 16)).toEqual(["Information &", "technology"]);
    expect(wrapLabel("Customer-management operations", 13)).toEqual(["Customer-", "management", "operations"]);
    expect(wrapLabel("Customer-management operations", 30)).toEqual(["Customer-management operations"]);
    expect(wrapLabel("Leadership", 13)).toEqual(["Leadership"]);
  });

  it("keep a name without spaces (Chinese) on one line", () => {
    expect(wrapLabel("客户管理运营", 13)).toEqual(["客户管理运营"]);
  });
});
