import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import type { MessageKey } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import type { Locale } from "./doc-templates";
import { doc, h, initiative, internal, p, right } from "./doc-templates";
import { contentToMarkdown, type MarkdownReader } from "./markdown";

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

// The workspace's departments and KPIs as the seed and the KPI migration define them.
const DEPARTMENTS = [
  { key: "logistics", name: "Logistics", nameZh: "物流部" },
  { key: "support", name: "Support", nameZh: "客户支持部" },
];
const KPIS = [
  { key: "on_time_delivery", name: "On-time delivery", nameZh: "准时交付率", unit: "percent" },
  { key: "open_tickets", name: "Open support tickets", nameZh: "未结工单数", unit: "count" },
];

const reader = (locale: Locale): MarkdownReader => ({
  t: (key: MessageKey, vars) => translate(locale, key, vars),
  locale,
  departments: DEPARTMENTS,
  kpis: KPIS,
});

const roadmap = doc(
  initiative(
    {
      blockId: "a",
      title: "Consignment stock at Derby",
      startQuarter: "2026-Q3",
      endQuarter: "2026-Q4",
      department: "logistics",
      budget: 120000,
      currency: "EUR",
      status: "in_progress",
      goal: "external",
    },
    ["Spare lead time from 14 to 8 weeks."],
  ),
  initiative(
    { blockId: "b", title: "Warranty root cause", startQuarter: "2026-Q3", goal: "internal", status: "planned" },
    ["Warranty cost below 1.2% of revenue."],
  ),
  right({
    blockId: "c",
    situation: "An order is late",
    right: "Notice 10 days ahead",
    department: "logistics",
    kpi: "on_time_delivery",
    threshold: 97,
  }),
  right({
    blockId: "d",
    situation: "A fault is reported",
    right: "Few tickets left open",
    department: "support",
    kpi: "open_tickets",
    threshold: 5,
    direction: "at_most",
  }),
  internal(p("Margin target 24%")),
);

/** A block as another client may have written it: fields the schema would refuse, straight into the Yjs document. */
const written = (node: JSONContent, attrs: Record<string, unknown>): JSONContent => ({
  ...node,
  attrs: { ...node.attrs, ...attrs },
});

describe("contentToMarkdown for a reader", () => {
  it("names departments and KPIs, formats the budget as currency and translates the status, in English", () => {
    expect(contentToMarkdown(roadmap, reader("en"))).toBe(
      [
        "**Consignment stock at Derby** · 2026-Q3–2026-Q4 · Logistics · €120,000 · In progress",
        "",
        "Spare lead time from 14 to 8 weeks.",
        "",
        "- **An order is late**: Notice 10 days ahead (Logistics · On-time delivery ≥ 97%)",
        "",
        "- **A fault is reported**: Few tickets left open (Support · Open support tickets ≤ 5)",
        "",
      ].join("\n"),
    );
  });

  it("writes the same blocks in Chinese for a zh-CN reader", () => {
    const markdown = contentToMarkdown(roadmap, reader("zh-CN"));
    expect(markdown).toContain("**Consignment stock at Derby** · 2026-Q3–2026-Q4 · 物流部 · €120,000 · 进行中");
    expect(markdown).toContain("- **An order is late**: Notice 10 days ahead (物流部 · 准时交付率 ≥ 97%)");
    expect(markdown).toContain("(客户支持部 · 未结工单数 ≤ 5)");
  });

  it("leaves out initiatives with an internal goal and internal sections, with or without a reader", () => {
    for (const markdown of [contentToMarkdown(roadmap, reader("en")), contentToMarkdown(roadmap)]) {
      expect(markdown).not.toContain("Warranty");
      expect(markdown).not.toContain("Margin");
    }
  });

  it("falls back to the number and the code for a currency Intl rejects, and to keys it does not know", () => {
    const markdown = contentToMarkdown(
      doc(
        written(initiative({ blockId: "a", title: "", startQuarter: "2026-Q1", budget: 5000, department: "x" }), {
          currency: "??",
        }),
        right({ blockId: "b", right: "Be heard", kpi: "nps" }),
      ),
      reader("en"),
    );
    expect(markdown).toContain("**Untitled** · 2026-Q1 · x · 5,000 ??\n");
    expect(markdown).toContain("- Be heard (nps)");
  });

  it("escapes every typed field, and a line break typed into one cannot start a block", () => {
    const markdown = contentToMarkdown(
      doc(
        written(
          initiative({
            blockId: "a",
            title: "<img src=x onerror=alert(1)> [click](javascript:alert(1))\n\n# Owned",
            startQuarter: "2026-Q1",
            department: "*bold*",
            budget: 10,
          }),
          { currency: "<b>" },
        ),
        right({ blockId: "b", situation: "_x_\n- injected", right: "`code` | pipe", kpi: "<kpi>", threshold: 1 }),
      ),
      reader("en"),
    );
    expect(markdown).toBe(
      [
        "**\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\# Owned** · 2026-Q1 · \\*bold\\* · 10 \\<b\\>",
        "",
        "- **\\_x\\_ - injected**: \\`code\\` \\| pipe (\\<kpi\\> ≥ 1)",
        "",
      ].join("\n"),
    );
  });
});
