import type { Db } from "../app/utils/db.server";
import { parseQuarter, quarterStart, recentQuarters } from "../app/features/kpis/kpi";
import { ROUND_ITEMS, roundResult, SCORE_RANGE, type RoundKind } from "../app/features/scoring-rounds/rounds";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** One member's sheet: a score and its evidence per item, in the kind's item order. */
type CapabilitySheet = ReadonlyArray<readonly [score: number, evidence: string]>;

interface CapabilityRound {
  /** Target level per element, in the model's order. */
  targets: readonly number[];
  sheets: Record<string, CapabilitySheet>;
}

interface NetValueRound {
  /** Per member: one score per factor, values then costs. */
  scores: Record<string, readonly number[]>;
  /** Per member: notes on the factors they had something to say about. */
  notes: Record<string, Partial<Record<string, string>>>;
}

interface AccountRounds {
  /** The two quarters before the current one, oldest first. */
  capability: readonly [CapabilityRound, CapabilityRound];
  /** The four quarters before the current one, oldest first. */
  netValue: readonly [NetValueRound, NetValueRound, NetValueRound, NetValueRound];
}

// Element order: leadership, strategic planning, people & organisation,
// resource allocation, information & technology, operations, outcomes.
const NORTHWIND: AccountRounds = {
  capability: [
    {
      targets: [4, 4, 4, 4, 3, 4, 4],
      sheets: {
        lead: [
          [4, "Sponsor on both sides; their VP of operations chairs our quarterly review."],
          [4, "2026 account plan approved; the Metro-X pursuit has a named owner."],
          [3, "Cross-functional team exists, but support joins only on escalations."],
          [3, "Engineering hours for Northwind compete with two other framework customers."],
          [2, "Order status lives in three spreadsheets; no shared customer record."],
          [4, "On-time delivery 94% this quarter; P1 tickets answered within a day."],
          [4, "NPS 46, framework volume on plan."],
        ],
        sales: [
          [3, "Our executives visit once a year; Northwind's board expects more."],
          [3, "The plan is written but the Metro-X bid strategy is still open."],
          [2, "No backup when I travel; quotes wait for me."],
          [2, "Pre-sales engineering is shared; two RFQ answers went out late."],
          [2, "CRM has contacts but no opportunity history."],
          [3, "Quotes take 9 working days against the 5 we promised."],
          [3, "Share of wallet flat at about 40%."],
        ],
        production: [
          [4, "Plant manager backs the Northwind priority lane."],
          [3, "Capacity plan covers the framework, not Metro-X volumes."],
          [4, "Dedicated quality engineer for Northwind since March."],
          [2, "Gear grinding is the bottleneck; no overtime budget approved."],
          [1, "Drawings and change notices reach the shop floor by email."],
          [4, "First-pass yield on NW-T4 at 97%."],
          [3, "One quality escape on the gear sets this quarter."],
        ],
        logistics: [
          [3, "Logistics is not in the steering meeting."],
          [3, "Hamburg hub discussed, no decision yet."],
          [3, "One planner covers Northwind and four other accounts."],
          [3, "Carrier contract renewed with priority slots."],
          [3, "Carrier tracking portal works, but Northwind cannot see it."],
          [3, "Spare-parts lead time still 14 weeks."],
          [3, "Two expedited shipments paid by us."],
        ],
      },
    },
    {
      targets: [4, 4, 4, 4, 4, 5, 4],
      sheets: {
        lead: [
          [4, "Our CEO met Northwind's CEO in May; joint steering every quarter."],
          [4, "Metro-X bid strategy agreed and written into the account plan."],
          [4, "Support now sits in the weekly account call."],
          [3, "Two engineers ring-fenced for Northwind; the test rig is still shared."],
          [3, "Plans and reviews moved from spreadsheets into Keyroom."],
          [5, "On-time delivery 97%, P1 tickets answered within 2 hours."],
          [4, "NPS 48; framework volume 6% above plan."],
        ],
        sales: [
          [4, "The executive visit in May changed the tone of the renewal talks."],
          [4, "Bid team named for Metro-X, with a pricing strategy."],
          [3, "Deputy account manager hired, still learning the account."],
          [4, "A pre-sales engineer is dedicated to the Metro-X bid."],
          [2, "Quotes still built in Excel; the CPQ project slipped."],
          [4, "Quote turnaround down to 6 working days."],
          [3, "Share of wallet up slightly, to about 42%."],
        ],
        production: [
          [4, "Weekly quality call with Northwind's supplier manager."],
          [3, "Metro-X capacity study started, no investment decision."],
          [3, "The quality engineer is shared with the export customers again."],
          [2, "Grinding bottleneck remains; overtime approved for June only."],
          [2, "Change notices are in PLM now, but the shop floor still prints them."],
          [4, "Root cause of the gear escape fixed; no repeat."],
          [4, "Zero quality escapes this quarter."],
        ],
        support: [
          [4, "Leadership backs the 2-hour P1 promise in front of the customer."],
          [4, "The bill of rights commitments are in our support plan."],
          [3, "Night cover for P1 tickets relies on one person."],
          [3, "Spare-parts stock at the Hamburg hub is still thin."],
          [2, "Ticket system not linked to order history; we ask the customer twice."],
          [3, "Two P1 tickets missed the 2-hour window in August."],
          [3, "Support satisfaction 8.1 out of 10."],
        ],
      },
    },
  ],
  // Factor order: service, product, people, image; price, time, energy, psychic.
  netValue: [
    {
      scores: {
        lead: [7, 8, 7, 7, 6, 5, 4, 3],
        sales: [6, 8, 7, 8, 7, 5, 4, 3],
        production: [7, 7, 6, 7, 6, 6, 5, 3],
      },
      notes: {
        lead: {
          service: "P1 tickets answered within a day; the customer wants faster.",
          time: "Spare gear sets take 14 weeks; their maintenance plans wait for us.",
        },
        sales: {
          price: "3% framework price rise accepted, after a hard push-back from procurement.",
          image: "We are on their approved-supplier shortlist for Metro-X.",
        },
        production: {
          product: "NW-T4 gearboxes ran without field failures this quarter.",
          energy: "Their engineers chase us for the status of change notices.",
        },
      },
    },
    {
      scores: {
        lead: [7, 8, 7, 7, 6, 4, 4, 3],
        sales: [7, 8, 8, 8, 7, 5, 4, 3],
        logistics: [6, 8, 7, 7, 6, 5, 4, 2],
      },
      notes: {
        lead: {
          people: "The new support lead introduced himself on site; well received.",
          time: "Hamburg hub planned; lead times unchanged so far.",
        },
        sales: {
          service: "The quarterly report now goes out without being asked for.",
          price: "No price change; payment terms extended to 60 days.",
        },
        logistics: {
          time: "Two expedited shipments saved a depot stoppage.",
          psychic: "Delivery dates were kept, so fewer worried calls.",
        },
      },
    },
    {
      scores: {
        lead: [7, 6, 7, 7, 6, 4, 5, 4],
        sales: [6, 6, 7, 7, 7, 4, 5, 4],
        production: [7, 5, 7, 7, 6, 4, 6, 3],
        support: [7, 6, 8, 7, 6, 3, 5, 4],
      },
      notes: {
        lead: {
          product: "One batch of gear sets shipped with a grinding defect.",
          psychic: "Their quality manager escalated to our CEO; trust dented.",
        },
        sales: {
          price: "The customer asked for a goodwill credit after the defect.",
          image: "The escape was discussed in their supplier review.",
        },
        production: {
          product: "8D report closed within three weeks; root cause fixed.",
          energy: "Northwind ran extra incoming inspections at their own cost.",
        },
        support: {
          service: "Field team replaced the affected sets within 10 days.",
          people: "The customer praised how openly our field engineers reported.",
        },
      },
    },
    {
      scores: {
        lead: [8, 8, 8, 8, 6, 3, 3, 2],
        sales: [8, 7, 8, 8, 7, 3, 3, 2],
        production: [8, 8, 7, 8, 6, 3, 4, 2],
        logistics: [8, 8, 8, 7, 6, 2, 3, 2],
      },
      notes: {
        lead: {
          service: "P1 tickets answered within 2 hours, as the bill of rights promises.",
          psychic: "The steering meeting is relaxed again.",
        },
        sales: {
          image: "Northwind named us as a reference supplier at a rail fair.",
          price: "Price unchanged; Metro-X pricing under discussion.",
        },
        production: { product: "Zero quality escapes; first-pass yield at 98%." },
        logistics: {
          time: "Hamburg hub live: spare-part lead time down from 14 to 8 weeks.",
          energy: "The customer orders spares through one portal instead of email.",
        },
      },
    },
  ],
};

// The Huadong team writes in Chinese, as in the account's documents.
const HUADONG: AccountRounds = {
  capability: [
    {
      targets: [4, 4, 3, 4, 3, 4, 4],
      sheets: {
        lead: [
          [3, "双方高层每半年会面一次,客户采购总监认可我们的定位。"],
          [3, "年度框架协议已签,但新产线的机会没有写进计划。"],
          [3, "客户团队已成立,生产和服务的职责分工还不清楚。"],
          [2, "驻厂工程师只有一名,还兼顾另外两个客户。"],
          [2, "订单和服务记录分散在邮件和表格里。"],
          [3, "准时交付率 91%,比上季度略有改善。"],
          [3, "年采购额按计划增长,满意度调查还没做。"],
        ],
        "wang.fang": [
          [3, "厂长支持,但优先级经常被其他订单挤掉。"],
          [2, "产能规划没有考虑客户明年扩产。"],
          [2, "换型时没有专人对接客户的工艺要求。"],
          [2, "伺服电机测试台不够,交付前检测要排队。"],
          [1, "图纸变更靠微信群传递,容易漏看。"],
          [3, "一个交付批次因编码器问题返工。"],
          [2, "客户投诉两次,都与交付质量有关。"],
        ],
        "liu.yang": [
          [2, "服务问题上报后,管理层响应慢。"],
          [2, "服务目标没有和客户的生产计划对齐。"],
          [3, "两名服务工程师熟悉客户的设备。"],
          [2, "备件库存不足,紧急订单要从总部调货。"],
          [3, "服务工单系统已上线,能追踪响应时间。"],
          [3, "现场故障平均 36 小时内解决。"],
          [2, "客户对售后响应速度评价一般。"],
        ],
      },
    },
    {
      targets: [4, 4, 3, 4, 3, 4, 4],
      sheets: {
        lead: [
          [3, "客户总经理参加了季度评审,双方约定每季度高层会面。"],
          [4, "2026 年战略性客户计划已批准,新产线项目列为重点。"],
          [3, "跨部门客户团队每周例会,生产和服务都有固定代表。"],
          [3, "新增一名驻厂工程师,测试台仍然紧张。"],
          [3, "计划和评审都在 Keyroom 里,订单数据还没有接入。"],
          [4, "准时交付率提升到 95%。"],
          [3, "满意度调查 7.6 分,采购额增长 12%。"],
        ],
        "wang.fang": [
          [3, "生产副总每月过问客户订单进度。"],
          [3, "扩产需求已纳入明年产能规划,投资还未批。"],
          [3, "指定了客户工艺对接人。"],
          [2, "测试台扩建推迟到明年。"],
          [2, "图纸变更改用 PLM 通知,车间仍有人看纸质版。"],
          [3, "编码器返工问题已解决,本季度无返工。"],
          [3, "质量投诉降为一次。"],
        ],
        "liu.yang": [
          [3, "服务升级流程明确了管理层的响应时限。"],
          [3, "服务目标已对齐客户的停机窗口。"],
          [3, "新增夜班电话支持。"],
          [2, "上海备件库已建,但型号覆盖不到一半。"],
          [3, "工单系统可以按客户统计响应时间了。"],
          [3, "现场故障平均 24 小时内解决。"],
          [3, "客户认可响应速度的改善。"],
        ],
        sales: [
          [3, "高层拜访有了固定节奏,但还没见过客户董事长。"],
          [2, "竞争对手降价,我们的价格策略还没定。"],
          [3, "商务和技术报价分工清楚了。"],
          [2, "样机申请要排队两个月。"],
          [2, "报价仍然用 Excel,历史价格难查。"],
          [3, "报价周期 7 个工作日。"],
          [2, "份额没有提升,新产线订单仍在竞标。"],
        ],
      },
    },
  ],
  netValue: [
    {
      scores: {
        lead: [6, 7, 6, 5, 7, 5, 5, 4],
        "wang.fang": [6, 7, 5, 5, 8, 5, 6, 4],
        "liu.yang": [5, 6, 6, 5, 7, 6, 5, 4],
      },
      notes: {
        lead: { service: "售后响应平均 36 小时,客户希望 24 小时内。", price: "客户认为我们比国产竞品贵 8%。" },
        "wang.fang": { product: "伺服电机性能稳定,但编码器出过两次故障。", energy: "客户工程师多次来厂确认工艺。" },
        "liu.yang": { time: "备件要从总部调货,等待一周以上。", psychic: "停机时客户对交付时间很焦虑。" },
      },
    },
    {
      scores: {
        lead: [6, 7, 6, 6, 7, 5, 5, 3],
        "wang.fang": [6, 8, 6, 5, 7, 4, 5, 4],
        "liu.yang": [6, 7, 6, 6, 7, 5, 4, 3],
      },
      notes: {
        lead: { people: "驻厂工程师与客户团队关系融洽。", image: "客户在行业会议上提到与我们的合作。" },
        "wang.fang": { product: "编码器改进版已交付,故障减少。" },
        "liu.yang": { time: "上海备件库建立后,常用备件两天到货。", service: "新增夜班电话支持。" },
      },
    },
    {
      scores: {
        lead: [7, 7, 7, 6, 7, 4, 4, 3],
        "wang.fang": [6, 8, 6, 6, 6, 4, 5, 3],
        "liu.yang": [7, 7, 7, 6, 7, 4, 4, 3],
        sales: [6, 7, 6, 6, 8, 5, 4, 3],
      },
      notes: {
        lead: { price: "框架协议价格不变,增加了年度返利。", image: "客户将我们列为优选供应商。" },
        "wang.fang": { energy: "有了工艺对接人,客户来厂次数减少。" },
        "liu.yang": { service: "现场故障平均 24 小时内解决。" },
        sales: { price: "竞品降价 10%,客户要求重新议价。", psychic: "议价期间客户对长期合作有顾虑。" },
      },
    },
    {
      scores: {
        lead: [7, 8, 7, 7, 7, 4, 4, 3],
        "wang.fang": [7, 8, 7, 6, 6, 3, 4, 3],
        "liu.yang": [8, 8, 7, 7, 7, 4, 3, 2],
        sales: [7, 8, 7, 7, 7, 4, 4, 3],
      },
      notes: {
        lead: { service: "季度评审中客户对服务的评价明显改善。", people: "客户总经理点名表扬驻厂团队。" },
        "wang.fang": { product: "新产线样机测试通过。" },
        "liu.yang": { time: "备件覆盖率提高到 70%。", psychic: "客户停机次数下降,投诉减少。" },
        sales: { price: "以技术服务包换取价格稳定,客户接受。", energy: "订单改为系统下单,减少往返确认。" },
      },
    },
  ],
};

const DEMO_ROUNDS: Record<string, AccountRounds> = {
  "Northwind Rail Systems": NORTHWIND,
  华东精密机械: HUADONG,
};

interface RoundRow {
  userId: string;
  item: string;
  score: number;
  evidence: string;
}

/**
 * Past capability assessments (the two quarters before this one) and net
 * customer value worksheets (the four before it), all revealed by the lead,
 * so the radar, the quarter comparison and the portfolio trend have history
 * on first start. The current quarter stays free for the team to open.
 * Written as rows, not through the round workflow: nobody is connected and
 * the feed should not fill with old reveals.
 */
export async function seedScoringRounds(db: Db, users: Map<string, string>): Promise<void> {
  const quarters = recentQuarters(new Date(), 5).slice(0, 4);
  const accounts = await db.account.findMany({ select: { id: true, name: true } });
  for (const account of accounts) {
    const rounds = DEMO_ROUNDS[account.name];
    if (!rounds) continue;
    const scorers = await teamScorers(db, account.id, users);
    const lead = scorers.get("lead") ?? null;
    for (const [index, round] of rounds.capability.entries()) {
      const rows = Object.entries(round.sheets).flatMap(([handle, sheet]) =>
        sheetRows("capability", scorers, handle, sheet),
      );
      await createRevealedRound(db, {
        accountId: account.id,
        kind: "capability",
        quarter: quarters[2 + index],
        lead,
        rows,
        targets: targetRows(round.targets),
      });
    }
    for (const [index, round] of rounds.netValue.entries()) {
      const rows = Object.entries(round.scores).flatMap(([handle, scores]) =>
        sheetRows(
          "net_value",
          scorers,
          handle,
          scores.map((score, i) => [score, round.notes[handle]?.[ROUND_ITEMS.net_value[i] ?? ""] ?? ""] as const),
        ),
      );
      await createRevealedRound(db, {
        accountId: account.id,
        kind: "net_value",
        quarter: quarters[index],
        lead,
        rows,
        targets: [],
      });
    }
  }
}

/** The account's leads and members by handle: the people who may score. */
async function teamScorers(db: Db, accountId: string, users: Map<string, string>): Promise<Map<string, string>> {
  const members = await db.accountMember.findMany({
    where: { accountId, role: { in: ["lead", "member"] } },
    select: { userId: true },
  });
  const onTeam = new Set(members.map((m) => m.userId));
  return new Map([...users].filter(([, userId]) => onTeam.has(userId)));
}

/**
 * One member's full sheet as rows, checked against the rules the app enforces
 * (team members only, every item, scores in range), so the demo never shows
 * what the app would refuse.
 */
function sheetRows(
  kind: RoundKind,
  scorers: Map<string, string>,
  handle: string,
  sheet: ReadonlyArray<readonly [score: number, evidence: string]>,
): RoundRow[] {
  const userId = scorers.get(handle);
  const items = ROUND_ITEMS[kind];
  if (!userId) throw new Error(`seed: ${handle} may not score on this account`);
  if (sheet.length !== items.length) throw new Error(`seed: ${handle}'s ${kind} sheet needs ${items.length} scores`);
  return items.map((item, i) => {
    const [score, evidence] = sheet[i] ?? [Number.NaN, ""];
    checkLevel(kind, score);
    return { userId, item, score, evidence };
  });
}

function targetRows(levels: readonly number[]): { item: string; level: number }[] {
  const items = ROUND_ITEMS.capability;
  if (levels.length !== items.length) throw new Error(`seed: a target profile needs ${items.length} levels`);
  return items.map((item, i) => {
    const level = levels[i] ?? Number.NaN;
    checkLevel("capability", level);
    return { item, level };
  });
}

function checkLevel(kind: RoundKind, value: number): void {
  const { min, max } = SCORE_RANGE[kind];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`seed: ${kind} level ${value} out of ${min}–${max}`);
  }
}

/** A round the lead opened late in its quarter, the team scored over a week, and the lead revealed. */
async function createRevealedRound(
  db: Db,
  input: {
    accountId: string;
    kind: RoundKind;
    quarter: string | undefined;
    lead: string | null;
    rows: RoundRow[];
    targets: { item: string; level: number }[];
  },
): Promise<void> {
  const quarter = input.quarter && parseQuarter(input.quarter);
  if (!input.quarter || !quarter) throw new Error("seed: no quarter for a demo round");
  const start = quarterStart(quarter).getTime();
  // Working hours (UTC), so the page's dates read like a team's week.
  const at = (day: number, hour: number) => new Date(start + day * DAY_MS + hour * HOUR_MS);
  const scorers = [...new Set(input.rows.map((row) => row.userId))];
  await db.scoringRound.create({
    data: {
      accountId: input.accountId,
      kind: input.kind,
      quarter: input.quarter,
      status: "revealed",
      requireEvidence: input.kind === "capability",
      openedById: input.lead,
      openedAt: at(75, 9),
      revealedById: input.lead,
      revealedAt: at(84, 16),
      result: roundResult(input.kind, input.rows),
      scores: {
        create: input.rows.map((row) => {
          // Each member saves their whole sheet at once, a day or two after the one before.
          const nth = scorers.indexOf(row.userId);
          const savedAt = at(76 + 2 * nth, 10 + nth);
          return { ...row, createdAt: savedAt, updatedAt: savedAt };
        }),
      },
      targets: { create: input.targets },
    },
  });
}
