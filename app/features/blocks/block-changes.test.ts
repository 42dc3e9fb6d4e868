import { describe, expect, it } from "vitest";
import { compareBlocks, countChanges, type InitiativeFields, type RightFields } from "./block-changes";

const initiative = (blockId: string, fields: Partial<InitiativeFields> = {}): InitiativeFields => ({
  blockId,
  title: `Initiative ${blockId}`,
  startQuarter: "2026-Q1",
  endQuarter: null,
  department: "logistics",
  budget: 12000,
  currency: "EUR",
  status: "planned",
  goal: "external",
  internal: false,
  ...fields,
});

const right = (blockId: string, fields: Partial<RightFields> = {}): RightFields => ({
  blockId,
  situation: "A train waits for a part",
  right: "The part ships the same day",
  department: "logistics",
  kpi: "otd",
  threshold: 97,
  direction: "at_least",
  internal: false,
  ...fields,
});

describe("compareBlocks", () => {
  it("finds nothing between equal block sets", () => {
    const blocks = { initiatives: [initiative("a"), initiative("b")], rights: [right("r")] };
    expect(compareBlocks(blocks, structuredClone(blocks))).toEqual({ initiatives: [], rights: [] });
  });

  it("names added, removed and changed blocks, with the fields that changed", () => {
    const before = {
      initiatives: [initiative("a"), initiative("b"), initiative("gone")],
      rights: [right("r", { threshold: 97 })],
    };
    const after = {
      initiatives: [
        initiative("a", { budget: 15000, status: "done" }),
        initiative("b"),
        initiative("new", { title: "Fresh" }),
      ],
      rights: [right("r", { threshold: 95 })],
    };
    const changes = compareBlocks(before, after);
    expect(changes.initiatives).toEqual([
      {
        change: "changed",
        blockId: "a",
        before: before.initiatives[0],
        after: after.initiatives[0],
        fields: ["budget", "status"],
      },
      { change: "added", blockId: "new", after: after.initiatives[2] },
      { change: "removed", blockId: "gone", before: before.initiatives[2] },
    ]);
    expect(changes.rights).toEqual([
      { change: "changed", blockId: "r", before: before.rights[0], after: after.rights[0], fields: ["rule"] },
    ]);
    expect(countChanges(changes)).toEqual({ added: 1, removed: 1, changed: 2 });
  });

  it("counts a reordered document as unchanged", () => {
    const before = {
      initiatives: [initiative("a"), initiative("b"), initiative("c")],
      rights: [right("r"), right("s")],
    };
    const after = {
      initiatives: [initiative("c"), initiative("a"), initiative("b")],
      rights: [right("s"), right("r")],
    };
    expect(compareBlocks(before, after)).toEqual({ initiatives: [], rights: [] });
  });

  it("compares an amount with its currency, and ignores the currency of a block without a budget", () => {
    const before = { initiatives: [initiative("a"), initiative("b", { budget: null })], rights: [] };
    const after = {
      initiatives: [initiative("a", { currency: "USD" }), initiative("b", { budget: null, currency: "USD" })],
      rights: [],
    };
    expect(
      compareBlocks(before, after).initiatives.map((c) => [c.blockId, c.change === "changed" && c.fields]),
    ).toEqual([["a", ["budget"]]]);
  });

  it("reads quarters, a move into an internal section and a right's direction as changes", () => {
    const changes = compareBlocks(
      { initiatives: [initiative("a")], rights: [right("r")] },
      {
        initiatives: [initiative("a", { endQuarter: "2026-Q2", internal: true })],
        rights: [right("r", { direction: "at_most", department: "support" })],
      },
    );
    expect(changes.initiatives[0]).toMatchObject({ fields: ["quarters", "internal"] });
    expect(changes.rights[0]).toMatchObject({ fields: ["department", "rule"] });
  });

  it("lets the first of two blocks with one id count, as the block index does", () => {
    const before = { initiatives: [initiative("a"), initiative("a", { budget: 1 })], rights: [] };
    const after = { initiatives: [initiative("a"), initiative("a", { budget: 99 })], rights: [] };
    expect(compareBlocks(before, after)).toEqual({ initiatives: [], rights: [] });
    const copied = compareBlocks(
      { initiatives: [initiative("a")], rights: [] },
      { initiatives: [initiative("a", { status: "done" }), initiative("a")], rights: [] },
    );
    expect(copied.initiatives).toEqual([expect.objectContaining({ blockId: "a", fields: ["status"] })]);
  });
});
