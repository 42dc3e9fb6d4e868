import type { JSONContent } from "@tiptap/core";
import { BLOCK_NODES } from "~/features/blocks/blocks";

/**
 * TipTap JSON as Markdown, for exports. Text is escaped so a document's words
 * stay words in any Markdown renderer (no injected HTML, links or emphasis);
 * the document's own marks become Markdown marks.
 */
export function contentToMarkdown(doc: JSONContent): string {
  return blocks(doc.content ?? [], "").trimEnd() + "\n";
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

function blocks(nodes: JSONContent[], indent: string): string {
  return nodes.map((node) => block(node, indent)).join("");
}

function listItems(list: JSONContent, indent: string): string {
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
      const nested = blocks(first?.type === "paragraph" ? rest : (item.content ?? []), `${indent}  `);
      return `${indent}${marker}${head}\n${nested}`;
    })
    .join("");
}

function block(node: JSONContent, indent: string): string {
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
      return `${listItems(node, indent)}${indent ? "" : "\n"}`;
    case "blockquote":
      return `${blocks(node.content ?? [], "")
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
      return `${indent}${initiativeLine(node.attrs ?? {})}\n\n${blocks(node.content ?? [], indent)}`;
    case BLOCK_NODES.right:
      return `${indent}${rightLine(node.attrs ?? {})}\n\n`;
    case BLOCK_NODES.internal:
      // Exports may reach the customer: what the team marked internal stays out.
      return "";
    default:
      return blocks(node.content ?? [], indent);
  }
}

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** **Title** · 2026-Q3–2026-Q4 · logistics · 120000 EUR · in progress */
function initiativeLine(a: Record<string, unknown>): string {
  const quarters = [text(a.startQuarter), text(a.endQuarter)].filter(Boolean).join("–");
  const budget = text(a.budget) ? `${text(a.budget)} ${text(a.currency)}`.trim() : "";
  const status = text(a.status).replace(/_/g, " ");
  const rest = [quarters, text(a.department), budget, status].filter(Boolean).map(escapeMarkdown);
  return [`**${escapeMarkdown(text(a.title))}**`, ...rest].join(" · ");
}

/** **Situation**: the right (support · service_timeliness ≥ 95) */
function rightLine(a: Record<string, unknown>): string {
  const rule =
    text(a.kpi) && text(a.threshold)
      ? `${text(a.kpi)} ${a.direction === "at_most" ? "≤" : "≥"} ${text(a.threshold)}`
      : "";
  const detail = [text(a.department), rule].filter(Boolean).map(escapeMarkdown).join(" · ");
  const head = text(a.situation) ? `**${escapeMarkdown(text(a.situation))}**: ` : "";
  return `- ${head}${escapeMarkdown(text(a.right))}${detail ? ` (${detail})` : ""}`;
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
