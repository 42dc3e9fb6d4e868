import { describe, expect, it } from "vitest";
import { doc, h, initiative, internal, p, right } from "./doc-templates";
import { contentToMarkdown } from "./markdown";

describe("contentToMarkdown with blocks", () => {
  it("writes an initiative as a line of its fields, a right as a list item, and leaves internal sections out", () => {
    const markdown = contentToMarkdown(
      doc(
        h(2, "Initiatives"),
        initiative(
          {
            blockId: "a",
            title: "Depot *training*",
            startQuarter: "2026-Q1",
            endQuarter: "2026-Q2",
            department: "support",
            budget: 28000,
            currency: "EUR",
            status: "in_progress",
          },
          ["Four sessions."],
        ),
        right({
          blockId: "b",
          situation: "An order is late",
          right: "Notice 10 days ahead",
          department: "logistics",
          kpi: "on_time_delivery",
          threshold: 97,
        }),
        internal(p("Margin target 24%")),
      ),
    );
    expect(markdown).toBe(
      [
        "### Initiatives",
        "",
        "**Depot \\*training\\*** · 2026-Q1–2026-Q2 · support · 28000 EUR · in progress",
        "",
        "Four sessions.",
        "",
        "- **An order is late**: Notice 10 days ahead (logistics · on\\_time\\_delivery ≥ 97)",
        "",
      ].join("\n"),
    );
    expect(markdown).not.toContain("Margin");
  });
});
