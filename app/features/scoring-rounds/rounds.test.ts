import { describe, expect, it } from "vitest";
import { aggregate, finishedScorers, meanMaturity, netValue, rankGaps, ROUND_ITEMS } from "./rounds";

const scores = (pairs: Array<[string, number]>) => pairs.map(([item, score]) => ({ item, score }));

describe("aggregate", () => {
  it("gives the mean, spread and number of scorers per item, in the model's order", () => {
    const result = aggregate(
      "capability",
      scores([
        ["strategic_planning", 4],
        ["leadership", 2],
        ["leadership", 3],
        ["leadership", 5],
      ]),
    );
    expect(result.map((a) => a.item)).toEqual(ROUND_ITEMS.capability);
    expect(result[0]).toEqual({ item: "leadership", mean: 10 / 3, min: 2, max: 5, count: 3 });
    expect(result[1]).toEqual({ item: "strategic_planning", mean: 4, min: 4, max: 4, count: 1 });
    expect(result[2]).toEqual({ item: "people_organisation", mean: null, min: null, max: null, count: 0 });
  });

  it("ignores items that are not the kind's", () => {
    expect(aggregate("capability", scores([["service", 9]])).every((a) => a.count === 0)).toBe(true);
  });
});

describe("netValue", () => {
  it("is the values' means minus the costs' means", () => {
    const all = aggregate(
      "net_value",
      scores([
        ["service", 8],
        ["service", 6],
        ["product", 7],
        ["people", 6],
        ["image", 5],
        ["price", 4],
        ["time", 3],
        ["energy", 2],
        ["psychic", 1],
      ]),
    );
    expect(netValue(all)).toBe(7 + 7 + 6 + 5 - 4 - 3 - 2 - 1);
  });

  it("is null while any factor has no score (a missing cost would flatter the account)", () => {
    expect(netValue(aggregate("net_value", scores([["service", 8]])))).toBeNull();
  });
});

describe("meanMaturity", () => {
  it("averages the scored elements' means and is null when nothing was scored", () => {
    const some = aggregate(
      "capability",
      scores([
        ["leadership", 2],
        ["leadership", 4],
        ["outcomes", 5],
      ]),
    );
    expect(meanMaturity(some)).toBe(4);
    expect(meanMaturity(aggregate("capability", []))).toBeNull();
  });
});

describe("rankGaps", () => {
  it("lists elements below target, widest first, ties in the model's order", () => {
    const result = aggregate(
      "capability",
      scores([
        ["leadership", 2],
        ["strategic_planning", 3],
        ["people_organisation", 2],
        ["outcomes", 5],
      ]),
    );
    const gaps = rankGaps(result, [
      { item: "leadership", level: 4 },
      { item: "strategic_planning", level: 3 },
      { item: "people_organisation", level: 4 },
      { item: "outcomes", level: 4 },
      { item: "operations", level: 5 },
    ]);
    expect(gaps).toEqual([
      { item: "leadership", mean: 2, target: 4, gap: 2 },
      { item: "people_organisation", mean: 2, target: 4, gap: 2 },
    ]);
  });
});

describe("finishedScorers", () => {
  it("counts only those who scored every item", () => {
    const all = ROUND_ITEMS.capability.map((item) => ({ userId: "a", item, score: 3 }));
    const some = [{ userId: "b", item: "leadership", score: 3 }];
    // Scoring an item twice (two saves) is still one item.
    const twice = [...all.slice(1), ...all.slice(1)].map((s) => ({ ...s, userId: "c" }));
    expect(finishedScorers("capability", [...all, ...some, ...twice])).toEqual(new Set(["a"]));
  });
});
