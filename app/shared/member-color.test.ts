import { describe, expect, it } from "vitest";
import { DEPARTMENT_COLORS } from "~/features/admin/departments.schema";
import { contrastRatio, DARK_TEXT, NEUTRAL_COLOR, textOn } from "./member-color";

describe("text on a department's colour", () => {
  it("is white on every colour of the palette and on the neutral slate", () => {
    for (const color of [...DEPARTMENT_COLORS, NEUTRAL_COLOR]) {
      expect(textOn(color), color).toBe("#ffffff");
      expect(contrastRatio("#ffffff", color), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("is dark on a light colour from before the palette (amber, emerald, pink), and reads at 4.5:1", () => {
    for (const color of ["#d97706", "#059669", "#f59e0b", "#fde68a"]) {
      expect(textOn(color), color).toBe(DARK_TEXT);
      expect(contrastRatio(DARK_TEXT, color), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("computes the WCAG ratio, and treats what is not a hex colour as unreadable", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#fff", "#ffffff")).toBeCloseTo(1, 5);
    expect(textOn("var(--brand)")).toBe(DARK_TEXT);
  });
});
