import type { JSONContent } from "@tiptap/core";
import { numberFormat } from "~/components/intl";
import { BLOCK_NODES, INITIATIVE_STATUSES, type InitiativeStatus } from "~/features/blocks/blocks";
import { formatKpiValue, kpiName } from "~/features/kpis/format";
import { departmentLabel } from "~/features/team/types";
import type { Locale, Translate } from "~/i18n/i18n";

/** What makes block lines readable in the reader's language; without it they keep raw keys and numbers. */
export interface MarkdownReader {
  t: Translate;
  locale: Locale;
  /** The workspace's departments, to name a block's department key. */
  departments: ReadonlyArray<{ key: string; name: string; nameZh: string }>;
  /** The workspace's KPIs, to name a right's KPI and write its threshold in the KPI's unit. */
  kpis: ReadonlyArray<{ key: string; name: string; nameZh: string; unit: string }>;
}

/** How the structured blocks are written: one line per initiative, one list item per right. */
interface BlockLines {
  initiative(attrs: Record<string, unknown>): string;
  right(attrs: Record<string, unknown>): string;
}

/**
 * TipTap JSON as Markdown, for exports. Text is escaped so a document's words
 * stay words in any Markdown renderer (no injected HTML, links or emphasis);
 * the document's own marks become Markdown marks. With a `reader`, blocks name
 * departments and KPIs, translate statuses and format money in their language.
 */
export function contentToMarkdown(doc: JSONContent, reader?: MarkdownReader): string {
  return blocks(doc.content ?? [], "", reader ? readableLines(reader) : RAW_LINES).trimEnd() + "\n";
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (char) => `\\${char}`);
}

function inline(nodes: JSONContent[] = []): string {
  return nodes
    .map((node) => {
      if (node.type === "hardBreak") return "  \n";
      if (node.type !== "text") return inline(node.content);
      let text = escapeMarkdown(node.text ?? "");
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") text = `**${text}**`;
        else if (mark.type === "italic") text = `*${text}*`;
        else if (mark.type === "code") text = `\`${(node.text ?? "").replace(/`/g, "'")}\``;
        else if (mark.type === "link" && typeof mark.attrs?.href === "string" && /^https?:\/\//.test(mark.attrs.href)) {
          text = `[${text}](${mark.attrs.href.replace(/[()\s]/g, encodeURIComponent)})`;
        }
      }
      return text;
    })
    .join("");
}

function blocks(nodes: JSONContent[], indent: string, lines: BlockLines): string {
  return nodes.map((node) => block(node, indent, lines)).join("");
}

function listItems(list: JSONContent, indent: string, lines: BlockLines): string {
  const start = typeof list.attrs?.start === "number" ? list.attrs.start : 1;
  return (list.content ?? [])
    .map((item, index) => {
      const marker =
        list.type === "orderedList"
          ? `${start + index}. `
          : list.type === "taskList"
            ? `- [${item.attrs?.checked ? "x" : " "}] `
            : "- ";
      const [first, ...rest] = item.content ?? [];
      const head = first?.type === "paragraph" ? inline(first.content) : "";
      const nested = blocks(first?.type === "paragraph" ? rest : (item.content ?? []), `${indent}  `, lines);
      return `${indent}${marker}${head}\n${nested}`;
    })
    .join("");
}

function block(node: JSONContent, indent: string, lines: BlockLines): string {
  switch (node.type) {
    case "heading":
      return `${"#".repeat(Number(node.attrs?.level ?? 1) + 1)} ${inline(node.content)}\n\n`;
    case "paragraph": {
      const text = inline(node.content);
      return text ? `${indent}${text}\n\n` : "";
    }
    case "bulletList":
    case "orderedList":
    case "taskList":
      return `${listItems(node, indent, lines)}${indent ? "" : "\n"}`;
    case "blockquote":
      return `${blocks(node.content ?? [], "", lines)
        .trimEnd()
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n")}\n\n`;
    case "codeBlock":
      return `\`\`\`\n${(node.content ?? []).map((n) => n.text ?? "").join("")}\n\`\`\`\n\n`;
    case "horizontalRule":
      return "---\n\n";
    case "table":
      return table(node);
    case BLOCK_NODES.initiative:
      // Exports may reach the customer, and internal goals are the team's own (blocks.ts GOAL_TYPES):
      // an initiative with an internal goal stays out, text and all, like an internal section.
      if (node.attrs?.goal === "internal") return "";
      return `${indent}${lines.initiative(node.attrs ?? {})}\n\n${blocks(node.content ?? [], indent, lines)}`;
    case BLOCK_NODES.right:
      return `${indent}${lines.right(node.attrs ?? {})}\n\n`;
    case BLOCK_NODES.internal:
      // Exports may reach the customer: what the team marked internal stays out.
      return "";
    default:
      return blocks(node.content ?? [], indent, lines);
  }
}

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** A block field on its line: whatever a client typed into it, a line break cannot start a new block. */
const field = (value: unknown) => text(value).replace(/\s*[\r\n]+\s*/g, " ");

/** A number field, from a number or the numeric string another client may have written; NaN otherwise. */
const numberOf = (value: unknown) =>
  typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;

const sign = (direction: unknown) => (direction === "at_most" ? "≤" : "≥");

/** Raw keys and numbers, as review minutes have always been written. */
const RAW_LINES: BlockLines = {
  /** **Title** · 2026-Q3–2026-Q4 · logistics · 120000 EUR · in progress */
  initiative(a) {
    const quarters = [field(a.startQuarter), field(a.endQuarter)].filter(Boolean).join("–");
    const budget = field(a.budget) ? `${field(a.budget)} ${field(a.currency)}`.trim() : "";
    const status = field(a.status).replace(/_/g, " ");
    return line(field(a.title), [quarters, field(a.department), budget, status]);
  },
  /** - **Situation**: the right (support · service_timeliness ≥ 95) */
  right(a) {
    const rule = field(a.kpi) && field(a.threshold) ? `${field(a.kpi)} ${sign(a.direction)} ${field(a.threshold)}` : "";
    return rightItem(a, [field(a.department), rule]);
  },
};

/** Names and numbers in the reader's language: **Title** · 2026-Q3–2026-Q4 · Logistics · €120,000 · In progress */
function readableLines({ t, locale, departments, kpis }: MarkdownReader): BlockLines {
  const departmentByKey = new Map(departments.map((d) => [d.key, d]));
  const kpiByKey = new Map(kpis.map((k) => [k.key, k]));
  const department = (key: string) => {
    const found = departmentByKey.get(key);
    return found ? field(departmentLabel(found, locale)) : key;
  };
  return {
    initiative(a) {
      const quarters = [field(a.startQuarter), field(a.endQuarter)].filter(Boolean).join("–");
      const status = INITIATIVE_STATUSES.includes(a.status as InitiativeStatus)
        ? t(`blocks.status.${a.status as InitiativeStatus}`)
        : field(a.status);
      return line(field(a.title) || t("blocks.untitled"), [
        quarters,
        department(field(a.department)),
        money(numberOf(a.budget), field(a.currency) || "CNY", locale),
        status,
      ]);
    },
    /** - **Situation**: the right (Support · Service timeliness ≥ 95%) */
    right(a) {
      const key = field(a.kpi);
      const kpi = kpiByKey.get(key);
      const threshold = numberOf(a.threshold);
      const name = kpi ? field(kpiName(kpi, locale)) : key;
      const rule =
        key && Number.isFinite(threshold)
          ? `${name} ${sign(a.direction)} ${formatKpiValue(threshold, kpi?.unit ?? "count", locale)}`
          : name;
      return rightItem(a, [department(field(a.department)), rule]);
    },
  };
}

/** A budget as currency; a code Intl rejects (written by another client) leaves the number and the code. */
function money(amount: number, currency: string, locale: Locale): string {
  if (!Number.isFinite(amount)) return "";
  try {
    return numberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(amount)} ${currency}`;
  }
}

/** The bold title, then the filled-in details; everything escaped. */
function line(title: string, details: string[]): string {
  return [`**${escapeMarkdown(title)}**`, ...details.filter(Boolean).map(escapeMarkdown)].join(" · ");
}

function rightItem(a: Record<string, unknown>, details: string[]): string {
  const detail = details.filter(Boolean).map(escapeMarkdown).join(" · ");
  const head = field(a.situation) ? `**${escapeMarkdown(field(a.situation))}**: ` : "";
  return `- ${head}${escapeMarkdown(field(a.right))}${detail ? ` (${detail})` : ""}`;
}

function table(node: JSONContent): string {
  const rows = (node.content ?? []).map((row) =>
    (row.content ?? []).map((cell) =>
      (cell.content ?? [])
        .map((child) => inline(child.content))
        .join(" ")
        .replace(/\n/g, " "),
    ),
  );
  if (rows.length === 0) return "";
  const width = Math.max(...rows.map((row) => row.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? "").join(" | ")} |`;
  const [head = [], ...body] = rows;
  return [line(head), line(Array.from({ length: width }, () => "---")), ...body.map(line)].join("\n") + "\n\n";
}
