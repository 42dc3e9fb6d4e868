import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The domain glossary of PRODUCT.md ("Domain model"): the Chinese terms the
 * seeds use. The catalogs must name each concept with its term, never with a
 * near miss a translator might pick (权利法案 for the bill of rights, 层级 for
 * the tier), so a key account team reads one vocabulary everywhere.
 */
const GLOSSARY: Record<string, string> = {
  "tier.strategic": "战略客户",
  "tier.key": "重点客户",
  "tier.growth": "成长客户",
  "tier.maintain": "维持客户",
  "stageField.tier": "分级",
  "stageField.ladderStage": "关系阶梯",
  "stageField.lifecycleStage": "生命周期阶段",
  "ladder.prospect": "潜在顾客",
  "ladder.customer": "顾客",
  "ladder.client": "客户",
  "ladder.supporter": "支持者",
  "ladder.advocate": "宣传者",
  "ladder.partner": "伙伴",
  "lifecycle.connect": "连接",
  "lifecycle.convert": "转化",
  "lifecycle.experience": "体验",
  "lifecycle.loyalty": "忠诚",
  "lifecycle.develop": "发展",
  "docKind.roadmap": "客户路线图",
  "docKind.account_plan": "战略性客户计划",
  "docKind.bill_of_rights": "客户权利清单",
  "rounds.item.leadership": "领导力",
  "rounds.item.strategic_planning": "战略计划",
  "rounds.item.people_organisation": "人员组织",
  "rounds.item.resource_allocation": "资源配置",
  "rounds.item.information_technology": "信息与技术",
  "rounds.item.operations": "客户管理运作",
  "rounds.item.outcomes": "客户管理成效",
};

/** Where the English names a concept, the Chinese must use its term (a shorter form of it is fine). */
const CONCEPTS: { english: RegExp; chinese: string; wrong: string[] }[] = [
  { english: /\bbills? of rights\b/i, chinese: "权利清单", wrong: ["权利法案", "权利宣言"] },
  { english: /\bcapability assessment/i, chinese: "能力评价", wrong: ["能力评估", "能力测评"] },
  { english: /\bnet (customer )?value\b/i, chinese: "净价值", wrong: ["净值", "净收益"] },
  { english: /\brelationship ladder\b|\bladder\b/i, chinese: "关系阶梯", wrong: ["关系梯度", "关系等级"] },
  { english: /\blifecycle\b/i, chinese: "生命周期", wrong: ["生命期"] },
  { english: /\btiers?\b/i, chinese: "分级", wrong: ["层级", "客户等级"] },
  { english: /\baccount plan\b/i, chinese: "客户计划", wrong: ["账户计划"] },
  { english: /\broadmap\b/i, chinese: "路线图", wrong: ["路径图", "蓝图"] },
  { english: /\bkey accounts?\b/i, chinese: "重点客户", wrong: ["大客户", "关键客户", "关键账户"] },
];

const dir = path.dirname(new URL(import.meta.url).pathname);
const merged = (locale: string): Record<string, string> =>
  Object.assign(
    {},
    ...readdirSync(path.join(dir, locale)).map((file) =>
      JSON.parse(readFileSync(path.join(dir, locale, file), "utf8")),
    ),
  );
const en = merged("en");
const zh = merged("zh-CN");

describe("the glossary in zh-CN", () => {
  it("names each tier, stage, document kind and capability element with the glossary's term", () => {
    const actual = Object.fromEntries(Object.keys(GLOSSARY).map((key) => [key, zh[key]]));
    expect(actual).toEqual(GLOSSARY);
  });

  it.each(CONCEPTS)(
    "uses “$chinese” wherever the English says $english, and none of $wrong",
    ({ english, chinese, wrong }) => {
      const missing = Object.keys(en).filter((key) => english.test(en[key]) && !zh[key].includes(chinese));
      expect(missing.map((key) => `${key}: ${zh[key]}`)).toEqual([]);
      const variants = Object.keys(zh).filter((key) => wrong.some((word) => zh[key].includes(word)));
      expect(variants.map((key) => `${key}: ${zh[key]}`)).toEqual([]);
    },
  );
});
