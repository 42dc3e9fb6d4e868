import { describe, expect, it } from "vitest";
import {
  checkKpiValue,
  compareQuarters,
  healthScore,
  kpiPoints,
  parseKpiNumber,
  parseQuarter,
  quarterProblem,
  recentQuarters,
  splitCsv,
} from "./kpi";

const aug2026 = new Date("2026-08-15T12:00:00Z");

describe("quarters", () => {
  it("parses YYYY-Qn in 2000–2100 and nothing else", () => {
    expect(parseQuarter("2026-Q3")).toEqual({ year: 2026, quarter: 3 });
    expect(parseQuarter(" 2026-q1 ")).toEqual({ year: 2026, quarter: 1 });
    for (const bad of ["2026-Q5", "2026-Q0", "2026Q3", "26-Q3", "1999-Q4", "2101-Q1", "", "Q3-2026"]) {
      expect(parseQuarter(bad), bad).toBeNull();
    }
  });

  it("orders quarters and lists the last eight up to the current one", () => {
    expect(compareQuarters("2025-Q4", "2026-Q1")).toBeLessThan(0);
    expect(compareQuarters("2026-Q2", "2026-Q2")).toBe(0);
    expect(recentQuarters(aug2026)).toEqual([
      "2024-Q4",
      "2025-Q1",
      "2025-Q2",
      "2025-Q3",
      "2025-Q4",
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
    ]);
    expect(recentQuarters(new Date("2026-01-01T00:00:00Z"), 2)).toEqual(["2025-Q4", "2026-Q1"]);
  });

  it("refuses malformed quarters and quarters after the current one", () => {
    expect(quarterProblem("2026-Q3", aug2026)).toBeNull();
    expect(quarterProblem("2000-Q1", aug2026)).toBeNull();
    expect(quarterProblem("2026-Q4", aug2026)).toBe("future");
    expect(quarterProblem("2027-Q1", aug2026)).toBe("future");
    expect(quarterProblem("2026-Q9", aug2026)).toBe("malformed");
  });
});

describe("values", () => {
  it("reads plain decimals only", () => {
    expect(parseKpiNumber(" 12.5 ")).toBe(12.5);
    expect(parseKpiNumber("-3")).toBe(-3);
    expect(parseKpiNumber(".5")).toBe(0.5);
    for (const bad of ["", "abc", "1e3", "0x10", "Infinity", "1,234", "12%", "1.2.3"]) {
      expect(parseKpiNumber(bad), bad).toBeNull();
    }
  });

  it("checks the value against the KPI's unit", () => {
    const percent = { key: "on_time_delivery", unit: "percent" };
    expect(checkKpiValue(percent, "96.5")).toEqual({ value: 96.5, problem: null });
    expect(checkKpiValue(percent, "101").problem).toBe("percentRange");
    expect(checkKpiValue(percent, "-1").problem).toBe("negative");
    expect(checkKpiValue({ key: "csat", unit: "score" }, "10.5").problem).toBe("scoreRange");
    expect(checkKpiValue({ key: "revenue", unit: "currency" }, "-5").problem).toBe("negative");
    expect(checkKpiValue({ key: "open_tickets", unit: "count" }, "lots").problem).toBe("notNumber");
    // Selling at a loss is a real (if unwelcome) margin.
    expect(checkKpiValue({ key: "margin", unit: "percent" }, "-12")).toEqual({ value: -12, problem: null });
    expect(checkKpiValue({ key: "margin", unit: "percent" }, "120").problem).toBe("percentRange");
  });
});

describe("health score", () => {
  const definitions = [
    { key: "revenue", direction: "higher_better", target: null, weight: 1 },
    { key: "margin", direction: "higher_better", target: 25, weight: 1 },
    { key: "csat", direction: "higher_better", target: 9, weight: 2 },
    { key: "open_tickets", direction: "lower_better", target: 5, weight: 1 },
  ];

  it("gives points as the share of the target, capped at 100 and never below 0", () => {
    expect(kpiPoints("higher_better", 20, 25)).toBe(80);
    expect(kpiPoints("higher_better", 30, 25)).toBe(100);
    expect(kpiPoints("higher_better", -5, 25)).toBe(0);
    expect(kpiPoints("lower_better", 10, 5)).toBe(50);
    expect(kpiPoints("lower_better", 2, 5)).toBe(100);
    expect(kpiPoints("lower_better", 0, 5)).toBe(100);
  });

  it("is the weighted mean of the points of the KPIs with a target and a value, with its parts", () => {
    const health = healthScore(definitions, { revenue: 1_000_000, margin: 20, csat: 9, open_tickets: 10 });
    // (80 × 1 + 100 × 2 + 50 × 1) ÷ 4 = 82.5 → 83
    expect(health.score).toBe(83);
    expect(health.weightedSum).toBe(330);
    expect(health.totalWeight).toBe(4);
    expect(health.parts).toEqual([
      { key: "margin", value: 20, target: 25, points: 80, weight: 1 },
      { key: "csat", value: 9, target: 9, points: 100, weight: 2 },
      { key: "open_tickets", value: 10, target: 5, points: 50, weight: 1 },
    ]);
  });

  it("leaves out KPIs without a value, and is null when nothing can be scored", () => {
    expect(healthScore(definitions, { csat: 4.5 }).score).toBe(50);
    expect(healthScore(definitions, { revenue: 5 })).toEqual({
      score: null,
      parts: [],
      weightedSum: 0,
      totalWeight: 0,
    });
    expect(healthScore(definitions, {}).score).toBeNull();
  });
});

describe("CSV splitting", () => {
  it("keeps file line numbers, skips blank lines, handles quotes, CRLF and a byte-order mark", () => {
    const text = '\uFEFFquarter,kpi,value\r\n\r\n2026-Q1,"csat",8.5\r\n"2026-Q2","a ""quoted"", cell",\n';
    expect(splitCsv(text)).toEqual([
      { line: 1, cells: ["quarter", "kpi", "value"] },
      { line: 3, cells: ["2026-Q1", "csat", "8.5"] },
      { line: 4, cells: ["2026-Q2", 'a "quoted", cell', ""] },
    ]);
  });
});
