import { describe, expect, it } from "vitest";
import { diffContent, sameContent, summarizeDiff, type DiffBlock } from "~/features/documents/versions/content-diff";
import {
  b,
  doc,
  docTemplate,
  h,
  initiative,
  internal,
  li,
  ol,
  p,
  quote,
  table,
  task,
  tasks,
  ul,
} from "~/features/documents/doc-templates";

const changes = (blocks: DiffBlock[]) => blocks.filter((block) => block.change !== "same");

describe("diffContent", () => {
  it("marks every block of identical documents as the same", () => {
    const before = docTemplate("account_plan", "en");
    const after = docTemplate("account_plan", "en");
    const blocks = diffContent(before, after);
    expect(blocks.length).toBeGreaterThan(20);
    expect(blocks.every((block) => block.change === "same" && block.parts.length === 1)).toBe(true);
    expect(summarizeDiff(blocks)).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(sameContent(before, after)).toBe(true);
  });

  it("shows an inserted paragraph as one added block", () => {
    const blocks = diffContent(
      doc(h(2, "Goals"), p("One."), p("Three.")),
      doc(h(2, "Goals"), p("One."), p("Two."), p("Three.")),
    );
    expect(changes(blocks)).toEqual([{ kind: "paragraph", change: "added", parts: [{ text: "Two.", op: "insert" }] }]);
    expect(blocks.map((block) => block.change)).toEqual(["same", "same", "added", "same"]);
    expect(summarizeDiff(blocks)).toEqual({ added: 1, removed: 0, changed: 0 });
  });

  it("shows a word changed inside a paragraph as one changed block", () => {
    const blocks = diffContent(
      doc(p("Answers within 4 hours to every question.")),
      doc(p("Answers within 2 hours to every question.")),
    );
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        change: "changed",
        parts: [
          { text: "Answers within ", op: "same" },
          { text: "4", op: "delete" },
          { text: "2", op: "insert" },
          { text: " hours to every question.", op: "same" },
        ],
      },
    ]);
  });

  it("joins neighbouring word edits across the space between them", () => {
    const [block] = diffContent(doc(p("We ship the red box on Monday")), doc(p("We ship a blue crate on Monday")));
    expect(block.change).toBe("changed");
    expect(block.parts).toEqual([
      { text: "We ship ", op: "same" },
      { text: "the red box", op: "delete" },
      { text: "a blue crate", op: "insert" },
      { text: " on Monday", op: "same" },
    ]);
  });

  it("keeps a rewritten paragraph as a removed and an added block", () => {
    const blocks = diffContent(doc(p("Delivery windows and stock")), doc(p("Complaints are answered by support")));
    expect(blocks.map((block) => block.change)).toEqual(["removed", "added"]);
    expect(summarizeDiff(blocks)).toEqual({ added: 1, removed: 1, changed: 0 });
  });

  it("shows a deleted list item as one removed block with its depth", () => {
    const blocks = diffContent(
      doc(ul("Sales", li("Logistics", ul("Stock", "Lead times")), "Support")),
      doc(ul("Sales", li("Logistics", ul("Lead times")), "Support")),
    );
    expect(changes(blocks)).toEqual([
      { kind: "listItem", depth: 1, ordered: false, change: "removed", parts: [{ text: "Stock", op: "delete" }] },
    ]);
    expect(blocks.map((block) => block.depth)).toEqual([0, 0, 1, 1, 0]);
  });

  it("numbers ordered list items and counts a bullet list turned numbered as changed", () => {
    const blocks = diffContent(doc(ul("First", "Second")), doc(ol("First", "Second")));
    expect(blocks.map((block) => [block.change, block.number, block.was])).toEqual([
      ["changed", 1, { ordered: false }],
      ["changed", 2, { ordered: false }],
    ]);
  });

  it("counts a heading level change as a change of the same text", () => {
    const blocks = diffContent(doc(h(2, "Risks"), p("None.")), doc(h(3, "Risks"), p("None.")));
    expect(blocks[0]).toEqual({
      kind: "heading",
      level: 3,
      change: "changed",
      was: { level: 2 },
      parts: [{ text: "Risks", op: "same" }],
    });
    expect(sameContent(doc(h(2, "Risks")), doc(h(3, "Risks")))).toBe(false);
  });

  it("counts ticking a task as a change", () => {
    const before = doc(tasks(task(false, "Agree the budget"), task(false, "Book the review")));
    const after = doc(tasks(task(true, "Agree the budget"), task(false, "Book the review")));
    const blocks = diffContent(before, after);
    expect(blocks[0]).toMatchObject({ kind: "taskItem", checked: true, change: "changed", was: { checked: false } });
    expect(blocks[1]).toMatchObject({ kind: "taskItem", checked: false, change: "same" });
    expect(sameContent(before, after)).toBe(false);
  });

  it("diffs Chinese text character by character", () => {
    const [block] = diffContent(doc(p("提前三到六个月规划客户沟通。")), doc(p("提前两到四个月规划客户沟通。")));
    expect(block.change).toBe("changed");
    expect(block.parts).toEqual([
      { text: "提前", op: "same" },
      { text: "三", op: "delete" },
      { text: "两", op: "insert" },
      { text: "到", op: "same" },
      { text: "六", op: "delete" },
      { text: "四", op: "insert" },
      { text: "个月规划客户沟通。", op: "same" },
    ]);
  });

  it("keeps Latin words whole next to Chinese characters", () => {
    const [block] = diffContent(doc(p("衡量 KPI 的数据来源")), doc(p("衡量 OKR 的数据来源")));
    expect(block.parts).toContainEqual({ text: "KPI", op: "delete" });
    expect(block.parts).toContainEqual({ text: "OKR", op: "insert" });
  });

  it("shows a changed table cell within its row", () => {
    const before = doc(table(["Quarter", "Initiative"], ["Q1", "Newsletter"], ["Q2", "Training"]));
    const after = doc(table(["Quarter", "Initiative"], ["Q1", "Newsletter"], ["Q2", "Webinar training"]));
    const blocks = diffContent(before, after);
    expect(blocks.map((block) => block.change)).toEqual(["same", "same", "changed"]);
    expect(blocks[0].parts).toEqual([{ text: "Quarter | Initiative", op: "same" }]);
    expect(blocks[2]).toEqual({
      kind: "tableRow",
      change: "changed",
      parts: [
        { text: "Q2 | ", op: "same" },
        { text: "Training", op: "delete" },
        { text: "Webinar training", op: "insert" },
      ],
    });
  });

  // Marks are deliberately not compared: a version diff is read for what the
  // document says, and bold added to unchanged words is not a change to review.
  it("treats a mark-only change as the same text", () => {
    const before = doc(p("Total budget is fixed."));
    const after = doc(p(b("Total"), " budget is fixed."));
    expect(diffContent(before, after)).toEqual([
      { kind: "paragraph", change: "same", parts: [{ text: "Total budget is fixed.", op: "same" }] },
    ]);
    expect(sameContent(before, after)).toBe(true);
  });

  it("flattens quotes, hard breaks and filled-in empty items", () => {
    const before = doc(ul(""), quote("Valid once approved."));
    const after = doc(
      ul("On-time delivery 97%"),
      quote({
        type: "paragraph",
        content: [{ type: "text", text: "Valid" }, { type: "hardBreak" }, { type: "text", text: "once approved." }],
      }),
    );
    const blocks = diffContent(before, after);
    expect(blocks[0]).toMatchObject({
      kind: "listItem",
      change: "changed",
      parts: [{ text: "On-time delivery 97%", op: "insert" }],
    });
    expect(blocks[1]).toEqual({
      kind: "blockquote",
      change: "same",
      parts: [{ text: "Valid once approved.", op: "same" }],
    });
  });

  it("diffs a filled-in template in reasonable shape, initiatives' fields included", () => {
    const now = new Date("2026-12-03T00:00:00Z");
    const before = docTemplate("roadmap", "en", now);
    const [first, second] = (before.content ?? []).filter((node) => node.type === "initiative");
    const after = doc(
      h(2, "External goals"),
      p("List what we promise the customer this year, in their words, with a number wherever it can be measured."),
      ul("On-time delivery 97%", "Answers within 4 hours"),
      internal(
        h(2, "Internal goals"),
        p(
          "List the scorecard targets behind those promises (revenue, margin, satisfaction, service timeliness) and the strategy or finance goal each one supports.",
        ),
        ul(""),
      ),
      h(2, "Initiatives by quarter"),
      p(
        "Plan customer communication, education and incentive programmes 3–6 months ahead; give each one an owning department and a budget.",
      ),
      initiative({ ...first.attrs, department: "sales", budget: 5000, currency: "CNY" } as never),
      initiative({ ...second.attrs } as never, ["Two sessions."]),
      initiative({ title: "Loyalty rebate", startQuarter: "2027-Q3", department: "finance", budget: 20000 }),
      h(2, "Approvals"),
      tasks(task(true, "Sales"), task(false, "Logistics")),
    );
    const blocks = diffContent(before, after);
    expect(blocks.map((block) => `${block.change} ${block.kind}`)).toEqual([
      "same heading",
      "changed paragraph",
      "changed listItem",
      "added listItem",
      "same heading",
      "same paragraph",
      "same listItem",
      "same heading",
      "same paragraph",
      "changed initiative",
      "same initiative",
      "added paragraph",
      "added initiative",
      "same heading",
      "removed paragraph",
      "removed blockquote",
      "added taskItem",
      "added taskItem",
    ]);
    expect(summarizeDiff(blocks)).toEqual({ added: 5, removed: 2, changed: 3 });
    expect(blocks[1].parts.slice(-2)).toEqual([
      { text: " (e.g. on-time delivery 97%, answers within 4 hours)", op: "delete" },
      { text: ".", op: "same" },
    ]);
    // The budget and department of the first initiative read as changed words of its line.
    const changed = blocks[9].parts;
    const read = (skip: string) =>
      changed
        .filter((part) => part.op !== skip)
        .map((part) => part.text)
        .join("");
    expect(read("delete")).toContain(" · sales · 5000 CNY · ");
    expect(read("insert")).toContain(" · — · — · ");
    expect(changed.filter((part) => part.op === "insert").map((part) => part.text)).toContainEqual(
      expect.stringContaining("5000"),
    );
  });

  it("pairs structured blocks by their id: a renamed initiative is changed, another one removed is removed", () => {
    const before = doc(
      initiative({ blockId: "a", title: "Consignment stock at Derby", startQuarter: "2026-Q3", budget: 65000 }),
      initiative({ blockId: "b", title: "Consignment stock at Lyon", startQuarter: "2026-Q3", budget: 65000 }),
    );
    const after = doc(initiative({ blockId: "b", title: "Spare parts hub", startQuarter: "2026-Q4", budget: 65000 }));
    const blocks = diffContent(before, after);
    expect(blocks.map((block) => `${block.change} ${block.kind}`)).toEqual([
      "removed initiative",
      "changed initiative",
    ]);
    expect(blocks[0].parts[0].text).toContain("Derby");
    expect(
      blocks[1].parts
        .filter((part) => part.op === "insert")
        .map((part) => part.text)
        .join(""),
    ).toContain("Spare parts hub");
  });

  it("finds a longest common run of blocks and keeps both versions in reading order", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const letters = (length: number) => Array.from({ length }, () => "abcd"[random(4)]);
    const lcs = (x: string[], y: string[]) => {
      const row = new Array<number>(y.length + 1).fill(0);
      for (const item of x) {
        let diagonal = 0;
        for (let j = 1; j <= y.length; j++) {
          const above = row[j];
          row[j] = item === y[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
          diagonal = above;
        }
      }
      return row[y.length];
    };
    for (let round = 0; round < 300; round++) {
      const x = letters(random(25));
      const y = letters(random(25));
      // Single letters share no words, so nothing pairs into "changed" and the block diff shows through.
      const blocks = diffContent(doc(x.map((t) => p(t))), doc(y.map((t) => p(t))));
      const text = (block: DiffBlock) => block.parts[0].text;
      expect(blocks.filter((block) => block.change !== "added").map(text)).toEqual(x);
      expect(blocks.filter((block) => block.change !== "removed").map(text)).toEqual(y);
      expect(blocks.filter((block) => block.change === "same")).toHaveLength(lcs(x, y));
    }
  });

  it("diffs empty documents", () => {
    expect(diffContent(doc(), doc())).toEqual([]);
    expect(sameContent(doc(), doc())).toBe(true);
    expect(diffContent(doc(), doc(p("First words.")))).toEqual([
      { kind: "paragraph", change: "added", parts: [{ text: "First words.", op: "insert" }] },
    ]);
    expect(diffContent(doc(p("Last words.")), doc())).toEqual([
      { kind: "paragraph", change: "removed", parts: [{ text: "Last words.", op: "delete" }] },
    ]);
  });

  it("shows a moved block as removed where it was and added where it went", () => {
    const blocks = diffContent(
      doc(h(2, "Risks"), p("Late stock."), h(2, "Goals"), p("Grow.")),
      doc(h(2, "Goals"), p("Grow."), h(2, "Risks"), p("Late stock.")),
    );
    expect(blocks.map((block) => `${block.change} ${block.parts[0].text}`)).toEqual([
      "removed Risks",
      "removed Late stock.",
      "same Goals",
      "same Grow.",
      "added Risks",
      "added Late stock.",
    ]);
  });

  it("matches a repeated word to the nearest copy when text is inserted", () => {
    const [block] = diffContent(doc(p("Review the plan.")), doc(p("Review the plan, then the budget.")));
    expect(block.parts).toEqual([
      { text: "Review the plan", op: "same" },
      { text: ", then the budget", op: "insert" },
      { text: ".", op: "same" },
    ]);
  });

  it("keeps the common head and tail of a long rewritten document", () => {
    const body = (tag: string) => Array.from({ length: 1200 }, (_, n) => p(`${tag}${n}`));
    const blocks = diffContent(
      doc(h(1, "Plan"), ...body("old"), p("Signed.")),
      doc(h(1, "Plan"), ...body("new"), p("Signed.")),
    );
    expect(summarizeDiff(blocks)).toEqual({ added: 1200, removed: 1200, changed: 0 });
    expect(blocks[0]).toMatchObject({ change: "same", parts: [{ text: "Plan", op: "same" }] });
    expect(blocks[1201].parts).toEqual([{ text: "new0", op: "insert" }]);
    expect(blocks[2401]).toMatchObject({ change: "same", parts: [{ text: "Signed.", op: "same" }] });
  });

  it("reports a wholesale rewrite of a long document without minimising it", () => {
    const before = doc(Array.from({ length: 1200 }, (_, n) => p(`old${n}`)));
    const after = doc(Array.from({ length: 1200 }, (_, n) => p(`new${n}`)));
    const blocks = diffContent(before, after);
    expect(summarizeDiff(blocks)).toEqual({ added: 1200, removed: 1200, changed: 0 });
    expect(blocks[1199].parts).toEqual([{ text: "old1199", op: "delete" }]);
    expect(blocks[1200].parts).toEqual([{ text: "new0", op: "insert" }]);
  });
});
