import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DOCUMENT_FIELD, documentExtensions } from "~/features/documents/collab/editor-extensions";
import { quartersOf, rightStatus } from "./blocks";
import { extractBlocks } from "./extract";

const schema = getSchema(documentExtensions);

function ydocOf(content: object[]): Y.Doc {
  return prosemirrorJSONToYDoc(schema, { type: "doc", content }, DOCUMENT_FIELD);
}

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const initiative = (attrs: Record<string, unknown>, ...text: string[]) => ({
  type: "initiative",
  attrs,
  content: text.map(paragraph),
});
const right = (attrs: Record<string, unknown>) => ({ type: "customerRight", attrs });

describe("extractBlocks", () => {
  it("reads initiatives and rights in document order, with their text and whether they are internal", () => {
    const ydoc = ydocOf([
      paragraph("Intro"),
      initiative(
        {
          blockId: "i1",
          title: "Hamburg spare-parts hub",
          startQuarter: "2026-Q3",
          endQuarter: "2026-Q4",
          department: "logistics",
          budget: 120000,
          status: "in_progress",
        },
        "Cut lead time",
        "from 14 to 8 weeks.",
      ),
      {
        type: "internalSection",
        content: [
          initiative({
            blockId: "i2",
            title: "Margin recovery",
            startQuarter: "2027-Q1",
            department: "sales",
            goal: "internal",
          }),
        ],
      },
      right({
        blockId: "r1",
        situation: "A P1 ticket",
        right: "An answer within 2 hours",
        department: "support",
        kpi: "service_timeliness",
        threshold: 95,
      }),
    ]);
    const blocks = extractBlocks(ydoc.getXmlFragment(DOCUMENT_FIELD));
    expect(blocks.skipped).toEqual([]);
    expect(blocks.initiatives).toMatchObject([
      {
        blockId: "i1",
        title: "Hamburg spare-parts hub",
        startQuarter: "2026-Q3",
        endQuarter: "2026-Q4",
        department: "logistics",
        budget: 120000,
        currency: "CNY",
        status: "in_progress",
        goal: "external",
        summary: "Cut lead time from 14 to 8 weeks.",
        position: 0,
        internal: false,
      },
      { blockId: "i2", endQuarter: null, budget: null, goal: "internal", position: 1, internal: true },
    ]);
    expect(blocks.rights).toEqual([
      {
        blockId: "r1",
        situation: "A P1 ticket",
        right: "An answer within 2 hours",
        department: "support",
        kpi: "service_timeliness",
        threshold: 95,
        direction: "at_least",
        position: 0,
        internal: false,
      },
    ]);
  });

  it("skips a malformed block with its reason and reads the rest", () => {
    const ydoc = ydocOf([
      initiative({ blockId: "ok", title: "Fine", startQuarter: "2026-Q1", department: "sales" }),
      initiative({ blockId: "late", title: "Backwards", startQuarter: "2026-Q3", endQuarter: "2026-Q1" }),
      right({ blockId: "r-ok", right: "Fair prices" }),
      initiative({ blockId: "ok", title: "Pasted twice", startQuarter: "2026-Q2" }),
    ]);
    // Another client wrote attributes no editor would: wrong types, unknown values, huge text.
    const fragment = ydoc.getXmlFragment(DOCUMENT_FIELD);
    ydoc.transact(() => {
      const bad = new Y.XmlElement("initiative");
      bad.setAttribute("blockId", "bad");
      bad.setAttribute("startQuarter", "next year" as string);
      bad.setAttribute("status", { $where: "1" } as unknown as string);
      const huge = new Y.XmlElement("customerRight");
      huge.setAttribute("blockId", "huge");
      huge.setAttribute("right", "x".repeat(10_000));
      const noId = new Y.XmlElement("customerRight");
      noId.setAttribute("right", "No id");
      const budget = new Y.XmlElement("initiative");
      budget.setAttribute("blockId", "neg");
      budget.setAttribute("startQuarter", "2026-Q1");
      budget.setAttribute("budget", -5 as unknown as string);
      fragment.insert(fragment.length, [bad, huge, noId, budget]);
    });
    const blocks = extractBlocks(fragment);
    expect(blocks.initiatives.map((b) => b.blockId)).toEqual(["ok"]);
    expect(blocks.rights.map((b) => b.blockId)).toEqual(["r-ok"]);
    expect(blocks.skipped.map((s) => s.blockId)).toEqual(["late", "ok", "bad", "huge", null, "neg"]);
    expect(blocks.skipped[0].reason).toContain("ends before it starts");
    expect(blocks.skipped[1].reason).toBe("duplicate blockId");
  });

  it("an empty or block-free document has no blocks", () => {
    expect(extractBlocks(new Y.Doc().getXmlFragment(DOCUMENT_FIELD))).toEqual({
      initiatives: [],
      rights: [],
      skipped: [],
    });
    expect(extractBlocks(ydocOf([paragraph("Only text")]).getXmlFragment(DOCUMENT_FIELD)).initiatives).toEqual([]);
  });
});

describe("rightStatus", () => {
  const atLeast = { kpi: "service_timeliness", threshold: 95, direction: "at_least" as const };
  const atMost = { kpi: "open_tickets", threshold: 10, direction: "at_most" as const };
  it.each([
    [atLeast, 99, "kept"],
    [atLeast, 96, "at_risk"],
    [atLeast, 95, "at_risk"],
    [atLeast, 94.9, "broken"],
    [atMost, 5, "kept"],
    [atMost, 9.9, "at_risk"],
    [atMost, 9.5, "kept"],
    [atMost, 10.5, "broken"],
    [atLeast, null, "not_measured"],
    [{ ...atLeast, kpi: null }, 99, "not_measured"],
    [{ ...atLeast, threshold: null }, 99, "not_measured"],
  ] as const)("%o with %s is %s", (rule, value, status) => {
    expect(rightStatus(rule, value)).toBe(status);
  });
});

describe("quartersOf", () => {
  it("lists the quarters an initiative runs through, across a year end", () => {
    expect(quartersOf({ startQuarter: "2026-Q3", endQuarter: "2027-Q2" })).toEqual([
      "2026-Q3",
      "2026-Q4",
      "2027-Q1",
      "2027-Q2",
    ]);
    expect(quartersOf({ startQuarter: "2026-Q3", endQuarter: null })).toEqual(["2026-Q3"]);
  });
});
