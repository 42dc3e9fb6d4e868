import type { JSONContent } from "@tiptap/core";
import {
  BLOCK_NODES,
  quarterOfDate,
  shiftQuarter,
  type CustomerRight,
  type Initiative,
} from "~/features/blocks/blocks";

/** The documents a team creates from a template. */
export type TemplateDocKind = "roadmap" | "account_plan" | "bill_of_rights";
/** Every document kind: the template ones, and a review's minutes (created when the review starts). */
export type DocKind = TemplateDocKind | "review_minutes";

export const DOC_KINDS: readonly TemplateDocKind[] = ["roadmap", "account_plan", "bill_of_rights"];

export type Locale = "en" | "zh-CN";

// ---------------------------------------------------------------------------
// Builders for TipTap JSON (StarterKit, TableKit, TaskList and the structured blocks).
// Strings become text nodes; empty strings are dropped, so no empty text node
// is ever produced and an empty paragraph is `{ type: "paragraph" }`.
// ---------------------------------------------------------------------------

/** Inline content: a plain string or a text node built with `text`, `b`, `i` or `a`. */
export type Inline = string | JSONContent;

/** One list item or table cell: inline parts (one paragraph) or a ready-made block node. */
export type Item = Inline | Inline[];

export function text(value: string, marks?: JSONContent["marks"]): JSONContent {
  return marks && marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value };
}

export const b = (value: string): JSONContent => text(value, [{ type: "bold" }]);
export const i = (value: string): JSONContent => text(value, [{ type: "italic" }]);
export const a = (value: string, href: string): JSONContent => text(value, [{ type: "link", attrs: { href } }]);

function inline(parts: Inline[]): JSONContent[] {
  return parts.flatMap((part): JSONContent[] => {
    if (typeof part === "string") return part === "" ? [] : [text(part)];
    return part.type === "text" && !part.text ? [] : [part];
  });
}

function node(type: string, content: JSONContent[], attrs?: Record<string, unknown>): JSONContent {
  const out: JSONContent = { type };
  if (attrs) out.attrs = attrs;
  if (content.length > 0) out.content = content;
  return out;
}

export function p(...parts: Inline[]): JSONContent {
  return node("paragraph", inline(parts));
}

export function h(level: 1 | 2 | 3, value: string): JSONContent {
  return node("heading", inline([value]), { level });
}

/** A block: arrays and strings/text nodes become a paragraph; block nodes pass through. */
function block(item: Item): JSONContent {
  if (Array.isArray(item)) return p(...item);
  return typeof item === "string" || item.type === "text" ? p(item) : item;
}

/** A list item whose first child is a paragraph, optionally followed by nested lists. */
export function li(first: Item, ...nested: JSONContent[]): JSONContent {
  return { type: "listItem", content: [block(first), ...nested] };
}

function listItem(item: Item): JSONContent {
  return !Array.isArray(item) && typeof item !== "string" && item.type === "listItem" ? item : li(item);
}

export function ul(...items: Item[]): JSONContent {
  return { type: "bulletList", content: items.map(listItem) };
}

export function ol(...items: Item[]): JSONContent {
  return { type: "orderedList", content: items.map(listItem) };
}

export function task(checked: boolean, ...parts: Inline[]): JSONContent {
  return { type: "taskItem", attrs: { checked }, content: [p(...parts)] };
}

export function tasks(...items: JSONContent[]): JSONContent {
  return { type: "taskList", content: items };
}

export function quote(...items: Item[]): JSONContent {
  return { type: "blockquote", content: items.map(block) };
}

export function hr(): JSONContent {
  return { type: "horizontalRule" };
}

/** A table whose first row is a header row; an empty string gives an empty cell. */
export function table(header: Item[], ...rows: Item[][]): JSONContent {
  const row = (cells: Item[], type: "tableHeader" | "tableCell"): JSONContent => ({
    type: "tableRow",
    content: cells.map((cell) => ({ type, content: [block(cell)] })),
  });
  return { type: "table", content: [row(header, "tableHeader"), ...rows.map((r) => row(r, "tableCell"))] };
}

/** An initiative block; `text` becomes the paragraphs under its fields. */
export function initiative(attrs: InitiativeInput, ...text: Inline[][]): JSONContent {
  return {
    type: BLOCK_NODES.initiative,
    attrs: { blockId: attrs.blockId ?? newBlockId(), ...attrs },
    content: text.map((parts) => p(...parts)),
  };
}

/** A customer right block. */
export function right(attrs: RightInput): JSONContent {
  return { type: BLOCK_NODES.right, attrs: { blockId: attrs.blockId ?? newBlockId(), ...attrs } };
}

/** A part of the document kept from everything published to the customer. */
export function internal(...content: Array<JSONContent | JSONContent[]>): JSONContent {
  return { type: BLOCK_NODES.internal, content: content.flat() };
}

type InitiativeInput = Partial<Omit<Initiative, "startQuarter">> & { startQuarter: string };
type RightInput = Partial<CustomerRight> & { right: string };

export function newBlockId(): string {
  return globalThis.crypto.randomUUID();
}

export function doc(...content: Array<JSONContent | JSONContent[]>): JSONContent {
  return { type: "doc", content: content.flat() };
}

// ---------------------------------------------------------------------------
// Templates: one H2 per section, H3 for sub-sections, each followed by a short
// guidance paragraph telling the team what to write there.
// ---------------------------------------------------------------------------

/** [heading, guidance] */
type Section = readonly [string, string];

const section = (level: 2 | 3, [title, guide]: Section): JSONContent[] => [h(level, title), p(guide)];

type RoadmapText = {
  external: Section;
  internal: Section;
  initiatives: Section;
  /** Titles of two example initiatives, next quarter and the one after. */
  examples: [string, string];
  approvals: Section;
  approvalNote: string;
};

const ROADMAP: Record<Locale, RoadmapText> = {
  en: {
    external: [
      "External goals",
      "List what we promise the customer this year, in their words, with a number wherever it can be measured (e.g. on-time delivery 97%, answers within 4 hours).",
    ],
    internal: [
      "Internal goals",
      "List the scorecard targets behind those promises (revenue, margin, satisfaction, service timeliness) and the strategy or finance goal each one supports.",
    ],
    initiatives: [
      "Initiatives by quarter",
      "Plan customer communication, education and incentive programmes 3–6 months ahead; give each one an owning department and a budget.",
    ],
    examples: [
      "Communication: a joint delivery review with the customer's buyers",
      "Education: training for the customer's users",
    ],
    approvals: [
      "Approvals",
      "Name every department involved in this roadmap and who signs off for it; an executive gives the final approval.",
    ],
    approvalNote:
      "This roadmap is valid only when every department involved has approved the current version. Any edit after approval needs a new approval.",
  },
  "zh-CN": {
    external: [
      "外部目标",
      "用客户的话写下我们今年向客户承诺的目标,能量化的请写出数字(如准时交付率 97%、4 小时内答复)。",
    ],
    internal: [
      "内部目标",
      "写下支撑这些承诺的记分卡目标(收入、毛利、客户满意度、服务及时率等),并注明每项目标对应的企业战略或财务目标。",
    ],
    initiatives: ["分季度举措", "提前三到六个月规划客户沟通、教育和激励计划,为每项举措指定负责部门和预算。"],
    examples: ["沟通:与客户采购部的联合交付例会", "教育:面向客户使用人员的培训"],
    approvals: ["审批说明", "列出参与本路线图的所有部门及各部门的审批人,最后由高管终审。"],
    approvalNote: "只有所有相关部门都批准了当前版本,本路线图才生效。批准后的任何修改都需要重新审批。",
  },
};

type AccountPlanText = {
  segment: Section;
  values: Section;
  valueParts: readonly [Section, Section, Section];
  delivery: Section;
  departments: readonly [Section, Section, Section, Section];
  deliveredValue: Section;
  control: Section;
  controlParts: readonly [Section, Section];
  synergies: Section;
  risks: Section;
  budget: Section;
  budgetColumns: string[];
  total: string;
};

const ACCOUNT_PLAN: Record<Locale, AccountPlanText> = {
  en: {
    segment: [
      "Segment and value proposition",
      "Say which segment this customer belongs to and, in two or three sentences, why they should choose us over anyone else.",
    ],
    values: [
      "What the customer values and what we can deliver",
      "Start from the customer's point of view: what they judge us on, how they like to work, and how we compare with competitors.",
    ],
    valueParts: [
      [
        "Key service elements",
        "List the service elements that matter most to the customer and how well we deliver each one today.",
      ],
      ["Preferences", "Note how the customer likes to work with us: channels, formats, rhythm and people."],
      ["Competitor benchmark", "Compare us with the main competitors on the elements above, as the customer sees it."],
    ],
    delivery: [
      "Delivery and operations by department",
      "Each department writes what it delivers for this customer, how, and to what standard.",
    ],
    departments: [
      ["Sales", "Contracts, pricing, quotes, business reviews and growth opportunities."],
      ["Production", "Reserved capacity, quality standards, change control and new-product work."],
      ["Logistics", "Delivery windows, stock, lead times and how delays are handled."],
      ["Support", "Response times, field service, training and complaint handling."],
    ],
    deliveredValue: [
      "Delivered-value analysis",
      "Score the value the customer gets (service, product, people, image) against what it costs them (price, time, energy, psychic cost) and explain the net customer value.",
    ],
    control: ["Control and feedback", "Describe how we know this plan is working and how feedback reaches the team."],
    controlParts: [
      [
        "Customer satisfaction",
        "How and how often we measure customer satisfaction, the latest results, and what we changed because of them.",
      ],
      ["Employee satisfaction", "How the account team feels about serving this customer, and what gets in its way."],
    ],
    synergies: [
      "Gaps and synergies across business units",
      "Where other business units could add value for this customer, and where gaps between us hurt the customer.",
    ],
    risks: ["Risks", "List the risks to this plan with an owner; tick a risk once its mitigation is in place."],
    budget: [
      "Budget",
      "Break the budget down by item and owning department; roadmap initiatives may be summarised in one line.",
    ],
    budgetColumns: ["Item", "Owning department", "Amount", "Notes"],
    total: "Total",
  },
  "zh-CN": {
    segment: [
      "细分市场与价值主张",
      "说明该客户属于哪个细分市场,并用两三句话说明客户为什么应该选择我们而不是竞争对手。",
    ],
    values: [
      "客户重视什么,我们能交付什么",
      "从客户的角度出发:客户用什么标准评价我们、喜欢怎样合作、我们与竞争对手相比如何。",
    ],
    valueParts: [
      ["关键服务要素", "列出客户最看重的服务要素,以及我们目前在每一项上的表现。"],
      ["客户偏好", "记录客户偏好的合作方式:沟通渠道、文件格式、节奏和对接人。"],
      ["竞争对手对标", "从客户的视角,就上述要素把我们与主要竞争对手进行比较。"],
    ],
    delivery: ["各部门的交付与运营", "由各部门分别写明为该客户交付什么、如何交付以及达到什么标准。"],
    departments: [
      ["销售", "合同、价格、报价、业务回顾和增长机会。"],
      ["生产", "预留产能、质量标准、变更控制和新品开发。"],
      ["物流", "交付时间窗、库存、交货周期以及延误的处理方式。"],
      ["客户支持", "响应时间、现场服务、培训和投诉处理。"],
    ],
    deliveredValue: [
      "客户让渡价值分析",
      "对客户获得的价值(服务、产品、人员、形象价值)和付出的成本(货币价格、时间、精力、心理成本)打分,并解释客户净价值的结果。",
    ],
    control: ["控制与反馈", "说明我们如何判断本计划是否有效,以及反馈如何传达到团队。"],
    controlParts: [
      ["客户满意度", "多久、用什么方式衡量客户满意度,最新结果如何,我们据此做了哪些改进。"],
      ["员工满意度", "客户团队成员服务该客户的感受,以及妨碍他们做好工作的因素。"],
    ],
    synergies: ["跨事业部的差距与协同", "其他事业部可以在哪些方面为该客户增值,我们内部的哪些缝隙正在影响客户。"],
    risks: ["风险", "列出影响本计划的风险并指定负责人;应对措施落实后勾选该项。"],
    budget: ["预算", "按项目和负责部门分解预算;路线图中的举措可以合并为一行。"],
    budgetColumns: ["项目", "负责部门", "金额", "备注"],
    total: "合计",
  },
};

type BillOfRightsText = {
  intro: string;
  rights: Section;
  examples: RightInput[];
  measure: Section;
};

const BILL_OF_RIGHTS: Record<Locale, BillOfRightsText> = {
  en: {
    intro:
      "This bill of rights tells you, our customer, what you can count on from us in the situations that matter most, which department answers for each right, and how we show you that we keep it.",
    rights: [
      "Your rights",
      "Add one row per situation the customer cares about; write each right as a promise the customer can hold us to, with a KPI wherever it can be measured.",
    ],
    examples: [
      {
        situation: "An order will be late",
        right: "To hear it from us before the confirmed date, with a new date and a recovery plan",
        department: "logistics",
        kpi: "on_time_delivery",
        threshold: 97,
      },
      {
        situation: "You have a technical question",
        right: "A written answer from an engineer within 4 business hours",
        department: "support",
        kpi: "service_timeliness",
        threshold: 95,
      },
      {
        situation: "You raise a quality complaint",
        right: "A first analysis within 48 hours and an 8D report within 10 working days",
        department: "production",
      },
    ],
    measure: [
      "How we measure",
      "Explain where each KPI comes from, how often we report it to the customer, and what happens when a right is not kept.",
    ],
  },
  "zh-CN": {
    intro:
      "本客户权利清单向您(我们的客户)说明:在最重要的各种情形下,您可以期待我们做到什么、每项权利由哪个部门负责,以及我们如何证明自己做到了。",
    rights: ["您的权利", "客户关心的每种情形写一行;把权利写成客户可以据此要求我们兑现的承诺,能衡量的都配上 KPI。"],
    examples: [
      {
        situation: "订单可能延误时",
        right: "在确认交期之前收到我方通知,并得到新的交期和补救方案",
        department: "logistics",
        kpi: "on_time_delivery",
        threshold: 97,
      },
      {
        situation: "遇到技术问题时",
        right: "4 个工作小时内得到工程师的书面答复",
        department: "support",
        kpi: "service_timeliness",
        threshold: 95,
      },
      {
        situation: "提出质量投诉时",
        right: "48 小时内收到初步分析,10 个工作日内收到 8D 报告",
        department: "production",
      },
    ],
    measure: ["我们如何衡量", "说明每项 KPI 的数据来源、多久向客户通报一次,以及权利未兑现时如何处理。"],
  },
};

function roadmap(t: RoadmapText, now: Date): JSONContent {
  const next = shiftQuarter(quarterOfDate(now), 1);
  return doc(
    section(2, t.external),
    ul(""),
    // The scorecard behind the promises is the team's own business, not the customer's.
    internal(section(2, t.internal), ul("")),
    section(2, t.initiatives),
    initiative({ title: t.examples[0], startQuarter: next }),
    initiative({ title: t.examples[1], startQuarter: shiftQuarter(next, 1) }),
    section(2, t.approvals),
    quote(t.approvalNote),
  );
}

function accountPlan(t: AccountPlanText): JSONContent {
  return doc(
    section(2, t.segment),
    section(2, t.values),
    t.valueParts.flatMap((part) => section(3, part)),
    section(2, t.delivery),
    t.departments.flatMap((dept) => section(3, dept)),
    section(2, t.deliveredValue),
    section(2, t.control),
    t.controlParts.flatMap((part) => section(3, part)),
    section(2, t.synergies),
    section(2, t.risks),
    tasks(task(false)),
    section(2, t.budget),
    table(t.budgetColumns, ["", "", "", ""], ["", "", "", ""], [[b(t.total)], "", "", ""]),
  );
}

function billOfRights(t: BillOfRightsText): JSONContent {
  return doc(p(t.intro), section(2, t.rights), t.examples.map(right), section(2, t.measure));
}

/** A fresh, empty document of the given kind with its sections and guidance, in the given locale. */
export function docTemplate(kind: TemplateDocKind, locale: Locale, now = new Date()): JSONContent {
  switch (kind) {
    case "roadmap":
      return roadmap(ROADMAP[locale], now);
    case "account_plan":
      return accountPlan(ACCOUNT_PLAN[locale]);
    case "bill_of_rights":
      return billOfRights(BILL_OF_RIGHTS[locale]);
  }
}
