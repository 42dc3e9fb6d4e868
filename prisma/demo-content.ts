import type { JSONContent } from "@tiptap/core";
import {
  b,
  doc,
  h,
  initiative,
  internal,
  li,
  p,
  quote,
  right,
  table,
  task,
  tasks,
  ul,
} from "../app/features/documents/doc-templates";
import type { DocKind } from "../app/features/documents/doc-templates";
import type { LadderStage, LifecycleStage, StageField, Tier } from "../app/shared/domain";

export type DemoStageChange = {
  field: StageField;
  from: string | null;
  to: string;
  daysAgo: number;
  note: string;
};

export type DemoDoc = {
  kind: DocKind;
  title: string;
  content: JSONContent;
};

export type DemoAccount = {
  slug: string;
  name: string;
  industry: string;
  tier: Tier;
  ladderStage: LadderStage;
  lifecycleStage: LifecycleStage;
  stageHistory: DemoStageChange[];
  docs: DemoDoc[];
};

// ---------------------------------------------------------------------------
// Account A — Northwind Rail Systems (English)
// Regional and metro train builder buying our traction gearboxes and couplings.
// ---------------------------------------------------------------------------

const northwindRoadmap = doc(
  h(2, "External goals"),
  p(
    "What we promise Northwind for 2026, in the words their purchasing and engineering leads used at the November review.",
  ),
  ul(
    [
      b("Trains are never held at the line for our parts: "),
      "on-time delivery of 97% or better for every order line, measured against the date we confirmed.",
    ],
    [
      b("Answers while it still matters: "),
      "technical questions answered in writing within 4 business hours; an engineer on site within 48 hours for any in-service failure in the UK or EU.",
    ],
    [
      b("Gearboxes that stay in service: "),
      "mean distance between failures above 600,000 km for the NW-T4 traction gearbox fleet.",
    ],
    [b("Spares when the depot needs them: "), "lead time for spare gear sets cut from 14 to 8 weeks by the end of Q3."],
    [
      b("One face per department: "),
      "a named contact in sales, production, logistics and support, published on the shared team page.",
    ],
  ),
  internal(
    h(2, "Internal goals"),
    p("Scorecard targets behind those promises, tied to the 2026 strategy (grow in rail OEM) and the finance plan."),
    ul(
      "Revenue from Northwind €18.4 m (+12% on 2025) at a gross margin of at least 24%.",
      "NPS across Northwind engineering, purchasing and depot contacts of 55 or more (2025 H2: 48).",
      "Service timeliness of 95% or better; no support ticket open longer than 30 days.",
      "Share of wallet in drive components from 38% to 45% by winning the Metro-X bogie drive package.",
      "Warranty cost below 1.2% of revenue (2025: 1.6%).",
    ),
  ),
  h(2, "Initiatives by quarter"),
  p("Planned 3–6 months ahead; budgets are included in the account plan."),
  initiative(
    {
      blockId: "nw-i01",
      title: "Monthly joint delivery review with Northwind purchasing",
      startQuarter: "2026-Q1",
      department: "logistics",
      budget: 12000,
      currency: "EUR",
      status: "done",
    },
    ["Communication. The on-time delivery dashboard is shared live with purchasing and the depots."],
  ),
  initiative(
    {
      blockId: "nw-i02",
      title: "Gearbox maintenance training for depot technicians",
      startQuarter: "2026-Q1",
      department: "support",
      budget: 28000,
      currency: "EUR",
      status: "done",
    },
    ["Education. Four sessions at Derby and Lyon, 48 technicians."],
  ),
  initiative(
    {
      blockId: "nw-i03",
      title: "A named contact per department on the shared team page",
      startQuarter: "2026-Q1",
      department: "sales",
      status: "done",
    },
    ["Communication. No budget: published and kept up to date by the account director."],
  ),
  initiative(
    {
      blockId: "nw-i04",
      title: "Supplier day: the new gear-grinding line",
      startQuarter: "2026-Q2",
      department: "production",
      budget: 18000,
      currency: "EUR",
      status: "done",
    },
    ["Communication. A walk-through for Northwind quality and engineering."],
  ),
  initiative(
    {
      blockId: "nw-i05",
      title: "Volume rebate and priority slots for Metro-X prototype orders",
      startQuarter: "2026-Q2",
      endQuarter: "2026-Q3",
      department: "sales",
      budget: 40000,
      currency: "EUR",
      status: "in_progress",
    },
    ["Incentive."],
  ),
  initiative(
    {
      blockId: "nw-i06",
      title: "EDI call-off orders instead of e-mailed schedules",
      startQuarter: "2026-Q2",
      department: "logistics",
      status: "done",
      goal: "internal",
    },
    ["Internal. Fewer manual order entries, fewer wrong dates; done with Northwind IT, no extra budget."],
  ),
  initiative(
    {
      blockId: "nw-i07",
      title: "Consignment stock of 24 spare gear sets at Derby",
      startQuarter: "2026-Q3",
      department: "logistics",
      budget: 65000,
      currency: "EUR",
      status: "in_progress",
    },
    ["Incentive. Spare lead time from 14 to 8 weeks."],
  ),
  initiative(
    {
      blockId: "nw-i08",
      title: "Condition-monitoring pilot on 12 trainsets",
      startQuarter: "2026-Q3",
      endQuarter: "2026-Q4",
      department: "support",
      budget: 35000,
      currency: "EUR",
      status: "in_progress",
    },
    ["Education. A findings workshop at the end of the pilot."],
  ),
  initiative(
    {
      blockId: "nw-i09",
      title: "Warranty root-cause programme on NW-T4 gearboxes",
      startQuarter: "2026-Q3",
      department: "production",
      status: "in_progress",
      goal: "internal",
    },
    ["Internal. Warranty cost below 1.2% of revenue."],
  ),
  initiative(
    {
      blockId: "nw-i10",
      title: "Design-for-maintenance workshop for gearbox revision C",
      startQuarter: "2026-Q4",
      department: "production",
      budget: 22000,
      currency: "EUR",
      status: "planned",
    },
    ["Communication. Depot feedback goes into revision C."],
  ),
  initiative(
    {
      blockId: "nw-i11",
      title: "Annual executive review and 2027 roadmap workshop",
      startQuarter: "2026-Q4",
      department: "sales",
      budget: 15000,
      currency: "EUR",
      status: "planned",
    },
    ["Communication. With Northwind's COO."],
  ),
  initiative(
    {
      blockId: "nw-i12",
      title: "Metro-X bogie drive bid: joint value engineering",
      startQuarter: "2026-Q4",
      department: "sales",
      status: "planned",
      goal: "internal",
    },
    ["Internal. Share of wallet in drive components from 38% to 45%."],
  ),
  p(b("Budget 2026: €235,000"), " in the account plan."),
  h(2, "Approvals"),
  p("Departments involved: Sales, Production, Logistics and Support. Executive sponsor: VP Rail Business."),
  quote(
    "This roadmap is valid only when every department involved has approved the current version. Any edit after approval needs a new approval.",
  ),
);

const northwindPlan = doc(
  h(2, "Segment and value proposition"),
  p(
    "Northwind Rail Systems builds regional and metro trains (about 240 cars a year) at two plants, Derby and Lyon, and maintains its fleets from four depots. ",
    "They sit in our rolling-stock OEM segment: long-lifecycle buyers who rank reliability and availability above unit price.",
  ),
  p(
    b("Value proposition: "),
    "drive components that keep Northwind's trains in service at the lowest life-cycle cost per kilometre, backed by a cross-functional team that answers in hours, not days.",
  ),
  h(2, "What the customer values and what we can deliver"),
  h(3, "Key service elements"),
  ul(
    [b("Delivery to the line-side schedule"), " — today 95.8% on time (2025); target 97%."],
    [
      b("Fast engineering answers during homologation"),
      " — today 78% within 4 hours; this is where we lose most goodwill.",
    ],
    [b("Spare parts over a 30-year fleet life"), " — gear sets 14 weeks; competitor B quotes 10."],
    [b("Complete documentation"), " — IRIS / ISO 22163 evidence packs accepted first time in 9 of 10 cases."],
  ),
  h(3, "Preferences"),
  ul(
    "One named contact per department; no hand-offs without an introduction.",
    "Written weekly status by e-mail rather than calls; calls only for escalations.",
    "Engineering change requests in their PLM format, referenced to Northwind part numbers.",
    "One consolidated invoice per month per plant.",
  ),
  h(3, "Competitor benchmark"),
  table(
    ["Service element", "Us", "Competitor A (EU gearbox maker)", "Competitor B (drive systems group)"],
    ["Unit price, NW-T4 class", "Reference", "6–8% lower", "About the same"],
    ["Standard lead time", "16 weeks", "20 weeks", "14 weeks"],
    ["Depot support in the UK", "Yes, 48 h", "No", "Yes, 72 h"],
    ["Condition monitoring", "Pilot in Q3", "No", "Standard on all units"],
  ),
  h(2, "Delivery and operations by department"),
  h(3, "Sales"),
  ul(
    "Framework prices fixed per calendar year; quotes within 5 working days.",
    "Quarterly business review with purchasing; annual executive review with the COO.",
    "Own the Metro-X bid: life-cycle-cost case ready by end of Q1.",
  ),
  h(3, "Production"),
  ul(
    "60 gearboxes a month reserved on line 2; first-article inspection reports shared before shipment.",
    "Change freeze 8 weeks before shipment; any design, material or supplier change notified 6 months ahead.",
  ),
  h(3, "Logistics"),
  ul(
    "Delivery windows agreed per week for each plant; advance shipping notice 48 hours before arrival.",
    "Consignment stock at Derby from Q3; delays announced at least 10 working days before the confirmed date.",
  ),
  h(3, "Support"),
  ul(
    "Written answer within 4 business hours; engineer on site within 48 hours in the UK and EU.",
    "8D report within 10 working days for every field failure; quarterly failure review with Northwind's fleet engineering.",
    "Depot training programme (see roadmap, Q1).",
  ),
  h(2, "Delivered-value analysis"),
  p("Team scoring from the December workshop (1 = low, 5 = high). Net customer value = total value − total cost."),
  table(
    ["Component", "Score", "Comment"],
    ["Service value", "4.5", "Field support valued highly by depots"],
    ["Product value", "4.0", "Reliability good; no condition monitoring yet"],
    ["People value", "4.5", "Named contacts, long-standing team"],
    ["Image value", "3.5", "Known in UK, less so in France"],
    ["− Monetary price", "3.5", "Above competitor A"],
    ["− Time cost", "2.0", "Slow engineering answers during homologation"],
    ["− Energy cost", "2.0", "Documentation chasing"],
    ["− Psychic cost", "1.5", "Low; trust is high"],
    [[b("Net customer value")], [b("7.5")], "2025: 6.0. Target for end of 2026: 8.0"],
  ),
  h(2, "Control and feedback"),
  h(3, "Customer satisfaction"),
  p(
    "NPS survey twice a year across engineering, purchasing and depot contacts (2025 H2: 48, 31 responses). ",
    "Complaint trend and KPIs are reviewed at each quarterly customer review; the last survey led to the 4-hour answer target.",
  ),
  h(3, "Employee satisfaction"),
  p(
    "Quarterly pulse survey of the account team: 4.1 / 5. Support engineers report overload during homologation peaks; ",
    "we are adding a 0.5 FTE field engineer dedicated to Northwind.",
  ),
  h(2, "Gaps and synergies across business units"),
  ul(
    "Our Services business unit sells condition monitoring separately; bundle it into the Metro-X offer to close the gap with competitor B.",
    "The Industrial Drives unit has spare gear-grinding capacity in Q3; use it for the spare gear-set build-up.",
    "Gap: our ERP does not hold Northwind's fleet serial numbers, so support cannot see which trainset a gearbox is on (CIQ today about 0.35).",
  ),
  h(2, "Risks"),
  tasks(
    task(true, "Single-source bearing supplier for the NW-T4 gearbox — second source qualified in 2025 (Production)."),
    task(false, "Competitor B may undercut the Metro-X bid by 10% — life-cycle-cost case by end of Q1 (Sales)."),
    task(
      false,
      "Steel price rise above 8% would push margin below 22% — price-adjustment clause in the 2027 renewal (Sales).",
    ),
    task(
      false,
      "Northwind's head of purchasing retires mid-2026 — introduce the team to the successor before Q2 (team lead).",
    ),
    task(false, "Support capacity during homologation peaks — 0.5 FTE field engineer hired by March (Support)."),
  ),
  h(2, "Budget"),
  table(
    ["Item", "Owning department", "Amount", "Notes"],
    ["Roadmap initiatives 2026", "All", "€235,000", "See roadmap"],
    ["Dedicated field engineer (0.5 FTE)", "Support", "€55,000", "From March"],
    ["Metro-X bid engineering", "Production", "€80,000", "Prototype drawings and calculations"],
    ["Customer visits and executive meetings", "Sales", "€24,000", ""],
    ["NPS and satisfaction surveys", "Sales", "€6,000", "Two waves"],
    [[b("Total")], "", [b("€400,000")], "2.2% of planned revenue"],
  ),
);

const northwindRights = doc(
  p(
    "Northwind, this is what you can count on from us. Each right names the department that owns it and the measure we report to you every quarter. ",
    "If we fall short, tell your account director or anyone on the team, and it goes on the agenda of the next quarterly review.",
  ),
  h(2, "Your rights"),
  right({
    blockId: "nw-r1",
    situation: "An order will be late",
    right: "To hear it from us at least 10 working days before the confirmed date, with a recovery plan",
    department: "logistics",
    kpi: "on_time_delivery",
    threshold: 97,
  }),
  right({
    blockId: "nw-r2",
    situation: "A technical question during design or homologation",
    right: "A written answer from an engineer within 4 business hours",
    department: "support",
    kpi: "service_timeliness",
    threshold: 95,
  }),
  right({
    blockId: "nw-r3",
    situation: "A gearbox fails in service",
    right: "An engineer on site within 48 hours in the UK or EU, and an 8D report within 10 working days",
    department: "support",
  }),
  right({
    blockId: "nw-r4",
    situation: "We want to change a design, material or supplier",
    right: "Notice 6 months ahead, and your approval before anything changed is shipped",
    department: "production",
  }),
  right({
    blockId: "nw-r5",
    situation: "You need a quote or a price change",
    right: "A quote within 5 working days; framework prices fixed for the calendar year",
    department: "sales",
  }),
  right({
    blockId: "nw-r6",
    situation: "You tell us how we are doing",
    right: "To be asked twice a year, and to see what we changed because of your answers",
    department: "sales",
    kpi: "csat",
    threshold: 8.5,
  }),
  right({
    blockId: "nw-r7",
    situation: "You order or track an order",
    right: "Order status, confirmed dates and documents online, around the clock",
    department: "sales",
    kpi: "active_rate",
    threshold: 80,
  }),
  right({
    blockId: "nw-r8",
    situation: "You have open support issues",
    right: "Every issue has an owner and a date, and no more than 5 are open at any time",
    department: "support",
    kpi: "open_tickets",
    threshold: 5,
    direction: "at_most",
  }),
  h(2, "How we measure"),
  ul(
    "Delivery and quote KPIs come from our ERP; answer and on-site times from the support ticket system, counted in business hours.",
    "Results are shared monthly on the delivery dashboard and reviewed at every quarterly customer review.",
    "A right missed twice in one quarter becomes an action item with an owner and a due date, reported back to you at the next review.",
  ),
);

// ---------------------------------------------------------------------------
// Account B — 华东精密机械 (East China Precision Machinery), Simplified Chinese
// 数控机床制造商,采购我们的伺服电机、精密减速机和主轴驱动。
// ---------------------------------------------------------------------------

const huadongRoadmap = doc(
  h(2, "外部目标"),
  p("以下是我们对华东精密机械 2026 年的承诺,表述来自客户采购部和装配厂在 11 月业务回顾会上的原话。"),
  ul(
    [b("不因我们的部件停线:"), "订单准时交付率 ≥ 97%(以我方确认的交期为准)。"],
    [b("问题当天有回音:"), "技术咨询 4 个工作小时内书面答复;常州、昆山两个工厂出现驱动故障时,工程师 24 小时内到场。"],
    [b("质量稳定:"), "伺服电机批次不良率 ≤ 300 PPM(2025 年为 520 PPM)。"],
    [b("新机型更快上市:"), "五轴机床新品样机交付周期从 6 周缩短到 4 周。"],
  ),
  internal(
    h(2, "内部目标"),
    p("支撑上述承诺的记分卡目标,对应公司 2026 年“深耕装备制造 OEM”战略和财务预算。"),
    ul(
      "来自华东精密机械的销售额 4200 万元(同比增长 18%),毛利率不低于 28%。",
      "客户满意度 ≥ 90 分,NPS ≥ 40(2025 年为 31)。",
      "服务及时率 ≥ 95%;在线订货平台活跃率 ≥ 80%。",
      "驱动部件采购份额从 25% 提升到 35%,年底推动客户关系升级到“支持者”阶段。",
    ),
  ),
  h(2, "分季度举措"),
  p("提前三到六个月部署;预算已计入战略性客户计划。"),
  initiative(
    {
      blockId: "hd-i01",
      title: "年度合作启动会,建立每月交付例会机制",
      startQuarter: "2026-Q1",
      department: "sales",
      budget: 50000,
      status: "done",
    },
    ["沟通。"],
  ),
  initiative(
    {
      blockId: "hd-i02",
      title: "伺服调试与参数优化培训(共 3 期)",
      startQuarter: "2026-Q1",
      department: "support",
      budget: 120000,
      status: "done",
    },
    ["教育。面向客户装配线和售后工程师。"],
  ),
  initiative(
    {
      blockId: "hd-i03",
      title: "昆山 VMI 寄售仓上线,常用型号 48 小时补货",
      startQuarter: "2026-Q2",
      department: "logistics",
      budget: 300000,
      status: "done",
    },
    ["激励。"],
  ),
  initiative(
    {
      blockId: "hd-i04",
      title: "工厂开放日:客户质量团队审核电机生产线",
      startQuarter: "2026-Q2",
      department: "production",
      budget: 80000,
      status: "done",
    },
    ["沟通。"],
  ),
  initiative(
    {
      blockId: "hd-i05",
      title: "伺服电机批次不良率攻关",
      startQuarter: "2026-Q2",
      endQuarter: "2026-Q4",
      department: "production",
      status: "in_progress",
      goal: "internal",
    },
    ["内部目标。不良率从 520 PPM 降到 300 PPM 以下,不另列预算。"],
  ),
  initiative(
    {
      blockId: "hd-i06",
      title: "五轴机床新品联合开发,样机优先排产",
      startQuarter: "2026-Q3",
      department: "production",
      budget: 250000,
      status: "in_progress",
    },
    ["激励。样机交付周期从 6 周缩短到 4 周。"],
  ),
  initiative(
    {
      blockId: "hd-i07",
      title: "在线订货平台推广与操作培训",
      startQuarter: "2026-Q3",
      department: "sales",
      budget: 60000,
      status: "in_progress",
    },
    ["教育。平台活跃率 ≥ 80%。"],
  ),
  initiative(
    {
      blockId: "hd-i08",
      title: "常州、昆山驱动故障 24 小时到场服务",
      startQuarter: "2026-Q3",
      department: "support",
      status: "in_progress",
    },
    ["沟通。由现有的现场工程师排班承担。"],
  ),
  initiative(
    {
      blockId: "hd-i09",
      title: "交付预警机制:延误提前 5 个工作日通知",
      startQuarter: "2026-Q3",
      department: "logistics",
      status: "done",
    },
    ["沟通。"],
  ),
  initiative(
    {
      blockId: "hd-i10",
      title: "年度客户评审会暨 2027 路线图共创工作坊",
      startQuarter: "2026-Q4",
      department: "sales",
      budget: 60000,
      status: "planned",
    },
    ["沟通。"],
  ),
  initiative(
    {
      blockId: "hd-i11",
      title: "年度采购额返利(达成 4200 万元返 0.5%)",
      startQuarter: "2026-Q4",
      department: "sales",
      budget: 210000,
      status: "planned",
    },
    ["激励。"],
  ),
  initiative(
    {
      blockId: "hd-i12",
      title: "驱动部件采购份额提升计划",
      startQuarter: "2026-Q4",
      department: "sales",
      status: "planned",
      goal: "internal",
    },
    ["内部目标。采购份额从 25% 提升到 35%。"],
  ),
  p(b("2026 年预算合计 113 万元"), ",已计入战略性客户计划。"),
  h(2, "审批说明"),
  p("参与部门:销售部、生产部、物流部、客户支持部。高管发起人:工业装备事业部总经理。"),
  quote("只有所有相关部门都批准了当前版本,本路线图才生效。批准后的任何修改都需要重新审批。"),
);

const huadongPlan = doc(
  h(2, "细分市场与价值主张"),
  p(
    "华东精密机械是长三角排名前五的数控机床制造商,总部和主工厂位于常州,昆山另有一个装配厂,年产立式加工中心和五轴机床约 1800 台。",
    "该客户属于我们“装备制造 OEM”细分市场中增长最快的一类:对精度和交期极为敏感,对价格也比较敏感。",
  ),
  p(
    b("价值主张:"),
    "用稳定一致的伺服和减速机产品、本地化库存和快速的现场支持,帮助客户缩短新机型上市时间、减少装配线停线。",
  ),
  h(2, "客户重视什么,我们能交付什么"),
  h(3, "关键服务要素"),
  ul(
    [b("交期稳定"), ":2025 年准时交付率 94.2%,目标 97%。"],
    [b("样机响应速度"), ":目前 6 周,客户期望 4 周,是当前最大的短板。"],
    [b("调试支持"), ":装配线上的参数调试问题需要当天解决。"],
    [b("产品一致性"), ":批次不良率 520 PPM,客户质量部已两次发出改进要求。"],
  ),
  h(3, "客户偏好"),
  ul(
    "日常沟通用企业微信工作群,重要事项必须以邮件书面确认。",
    "技术文档和培训材料全部使用中文。",
    "每月对账、月结付款;希望常用型号有本地库存。",
    "高层每半年互访一次,客户总经理重视面对面沟通。",
  ),
  h(3, "竞争对手对标"),
  table(
    ["服务要素", "我们", "日系竞品", "国产竞品"],
    ["价格", "基准", "高 10%–15%", "低 15%–20%"],
    ["标准交期", "6 周", "10 周", "3 周"],
    ["产品一致性", "较好", "最好", "一般"],
    ["技术支持响应", "4 小时", "24 小时", "4 小时"],
  ),
  h(2, "各部门的交付与运营"),
  h(3, "销售"),
  ul(
    "框架协议价格全年锁定,3 个工作日内报价。",
    "每季度与采购部开业务回顾会,每半年安排高层互访。",
    "推动五轴机床新平台的驱动部件定点。",
  ),
  h(3, "生产"),
  ul(
    "为该客户每月预留 1500 台伺服电机产能;设立样机快速通道,目标 4 周交付。",
    "批次不良率改进项目:导入终检 100% 参数测试,年底降到 300 PPM 以下。",
  ),
  h(3, "物流"),
  ul(
    "常州工厂每周二、周五两次定时配送;昆山 VMI 寄售仓二季度上线。",
    "订单可能延误时,至少提前 5 个工作日通知客户并提供补救方案。",
  ),
  h(3, "客户支持"),
  ul(
    "4 个工作小时内书面答复,24 小时内到达常州或昆山现场。",
    "二季度起派驻一名应用工程师在常州工厂,支持装配线调试。",
    "每季度向客户售后部门通报故障分析结果。",
  ),
  h(2, "客户让渡价值分析"),
  p("来自 12 月团队工作坊的评分(1 = 低,5 = 高)。客户净价值 = 总价值 − 总成本。"),
  table(
    ["构成", "评分", "说明"],
    ["服务价值", "4.0", "现场支持获好评,样机服务偏慢"],
    ["产品价值", "4.5", "精度和寿命优于国产竞品"],
    ["人员价值", "3.5", "客户经理稳定,但工程师更换较频繁"],
    ["形象价值", "3.0", "客户终端用户对我们品牌认知度一般"],
    ["− 货币价格", "3.0", "高于国产竞品"],
    ["− 时间成本", "3.0", "样机周期 6 周,是主要短板"],
    ["− 精力成本", "2.5", "对账和补货需要客户频繁跟进"],
    ["− 心理成本", "2.0", "担心批次质量波动"],
    [[b("客户净价值")], [b("4.5")], "目标:2026 年底达到 6.0"],
  ),
  h(2, "控制与反馈"),
  h(3, "客户满意度"),
  p(
    "每半年开展一次满意度调研,覆盖采购、质量、装配和售后四个部门。2025 年第四季度得分 86 分,NPS 31;主要抱怨集中在样机周期和批次一致性,已分别列入生产部改进计划。",
  ),
  h(3, "员工满意度"),
  p("客户团队每季度做一次脉搏调查,最近得分 3.8 / 5。物流部反映紧急插单过多、计划被打乱;VMI 寄售仓上线后应明显缓解。"),
  h(2, "跨事业部的差距与协同"),
  ul(
    "工业自动化事业部的 PLC 和变频器可以与伺服系统打包,为客户提供整套驱动方案。",
    "华南工厂的精密减速机有富余产能,可以支持样机快速通道。",
    "差距:客户数据分散在 CRM 和 ERP 两个系统中,客户触点上实际用到的数据不到三成(CIQ 约 0.3)。",
  ),
  h(2, "风险"),
  tasks(
    task(true, "伺服编码器单一供应商——2025 年已认证第二供应商(生产部)。"),
    task(false, "国产竞品以低价争夺标准机型份额——一季度前完成全生命周期成本对比材料(销售部)。"),
    task(false, "样机周期若不能缩短到 4 周,将失去五轴新平台定点——三季度前完成快速通道建设(生产部)。"),
    task(false, "客户回款周期由 60 天延长到 90 天——与财务部共同评估信用额度(团队负责人)。"),
  ),
  h(2, "预算"),
  table(
    ["项目", "负责部门", "金额", "备注"],
    ["2026 年路线图举措", "各部门", "113 万元", "详见客户路线图"],
    ["驻厂应用工程师(1 人)", "客户支持部", "32 万元", "二季度起"],
    ["样机快速通道工装与检测设备", "生产部", "18 万元", ""],
    ["客户拜访与高层互访", "销售部", "9 万元", ""],
    ["满意度调研", "销售部", "3 万元", "每半年一次"],
    [[b("合计")], "", [b("175 万元")], "约占计划销售额的 4.2%"],
  ),
);

const huadongRights = doc(
  p(
    "华东精密机械的各位同事:以下是您在与我们合作时享有的权利。每一项权利都明确了负责部门,凡能衡量的都配有 KPI,我们每季度向您通报结果。",
    "如有任何一项没有做到,请直接告诉客户经理或团队中的任何一位成员,我们会在下一次季度客户会议上专题讨论并给出改进措施。",
  ),
  h(2, "您的权利"),
  right({
    blockId: "hd-r1",
    situation: "订单可能延误时",
    right: "在确认交期前至少 5 个工作日收到我方通知及补救方案",
    department: "logistics",
    kpi: "on_time_delivery",
    threshold: 97,
  }),
  right({
    blockId: "hd-r2",
    situation: "生产线出现驱动故障时",
    right: "4 个工作小时内得到工程师远程诊断,24 小时内工程师到达常州或昆山现场",
    department: "support",
    kpi: "service_timeliness",
    threshold: 95,
  }),
  right({
    blockId: "hd-r3",
    situation: "新机型需要样机时",
    right: "4 周内拿到样机,样机优先排产",
    department: "production",
  }),
  right({
    blockId: "hd-r4",
    situation: "对产品质量有异议时",
    right: "48 小时内收到初步分析,10 个工作日内收到 8D 报告",
    department: "production",
  }),
  right({
    blockId: "hd-r5",
    situation: "需要报价或价格调整时",
    right: "3 个工作日内收到报价;框架协议价格全年锁定",
    department: "sales",
  }),
  right({
    blockId: "hd-r6",
    situation: "对我们的服务有意见时",
    right: "每半年被征求一次意见,并看到我们据此做出的改进",
    department: "sales",
    kpi: "csat",
    threshold: 8.5,
  }),
  right({
    blockId: "hd-r7",
    situation: "在线下单或查询订单时",
    right: "全天候在线查看订单状态、确认交期和单据",
    department: "sales",
    kpi: "active_rate",
    threshold: 80,
  }),
  right({
    blockId: "hd-r8",
    situation: "有未关闭的服务问题时",
    right: "每个问题都有负责人和完成日期,同时未关闭的问题不超过 5 个",
    department: "support",
    kpi: "open_tickets",
    threshold: 5,
    direction: "at_most",
  }),
  h(2, "我们如何衡量"),
  ul(
    "交付和报价类 KPI 取自我方 ERP 系统;响应和到场时间取自客户支持工单系统,按工作小时计算。",
    "结果每月通过交付例会向您通报,并在每次季度客户会议上逐项回顾。",
    li(
      "同一项权利在一个季度内两次未兑现,将自动转为行动项:",
      ul("指定负责部门和责任人;", "明确完成日期;", "在下一次季度客户会议上向您汇报结果。"),
    ),
  ),
);

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    slug: "northwind-rail",
    name: "Northwind Rail Systems",
    industry: "Rail rolling stock",
    tier: "strategic",
    ladderStage: "supporter",
    lifecycleStage: "loyalty",
    stageHistory: [
      {
        field: "ladderStage",
        from: "customer",
        to: "client",
        daysAgo: 690,
        note: "First three-year framework agreement for NW-T4 traction gearboxes signed.",
      },
      {
        field: "tier",
        from: "key",
        to: "strategic",
        daysAgo: 420,
        note: "Executive committee upgrade: framework volume above €15 m a year and Metro-X opportunity.",
      },
      {
        field: "ladderStage",
        from: "client",
        to: "supporter",
        daysAgo: 260,
        note: "Northwind renewed without tender and now gives us early sight of new platform requirements.",
      },
      {
        field: "lifecycleStage",
        from: "experience",
        to: "loyalty",
        daysAgo: 95,
        note: "Second year running with NPS above 45 and on-time delivery above 95%.",
      },
    ],
    docs: [
      { kind: "roadmap", title: "Northwind customer roadmap 2026", content: northwindRoadmap },
      { kind: "account_plan", title: "Northwind account plan 2026", content: northwindPlan },
      { kind: "bill_of_rights", title: "Northwind customer bill of rights", content: northwindRights },
    ],
  },
  {
    slug: "huadong-precision",
    name: "华东精密机械",
    industry: "数控机床制造",
    tier: "key",
    ladderStage: "client",
    lifecycleStage: "experience",
    stageHistory: [
      {
        field: "ladderStage",
        from: "prospect",
        to: "customer",
        daysAgo: 700,
        note: "首批 200 台伺服电机试用订单交付,装配线验证通过。",
      },
      {
        field: "lifecycleStage",
        from: "convert",
        to: "experience",
        daysAgo: 540,
        note: "进入批量供货,立式加工中心全系列采用我方伺服系统。",
      },
      {
        field: "ladderStage",
        from: "customer",
        to: "client",
        daysAgo: 330,
        note: "签订年度框架协议,成立跨部门客户团队。",
      },
      {
        field: "tier",
        from: "growth",
        to: "key",
        daysAgo: 150,
        note: "年采购额突破 3000 万元,经管理层评审升级为重点客户。",
      },
    ],
    docs: [
      { kind: "roadmap", title: "华东精密机械 2026 年客户路线图", content: huadongRoadmap },
      { kind: "account_plan", title: "华东精密机械 2026 年战略性客户计划", content: huadongPlan },
      { kind: "bill_of_rights", title: "华东精密机械客户权利清单", content: huadongRights },
    ],
  },
];
