import type { JSONContent } from "@tiptap/core";

/** Attributes of block nodes that people write (an initiative's title, a right and its situation), not ids or choices. */
const WRITTEN_ATTRIBUTES = new Set(["title", "situation", "right"]);

/**
 * A document's text as search reads it: every text node, and the written
 * attributes of blocks, one block per line. Line breaks keep a phrase from
 * matching across two paragraphs.
 */
export function plainText(content: JSONContent): string {
  const lines: string[] = [];
  let line = "";
  const visit = (node: JSONContent) => {
    if (node.type === "text") {
      line += node.text ?? "";
      return;
    }
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      if (WRITTEN_ATTRIBUTES.has(key) && typeof value === "string" && value.trim()) lines.push(value.trim());
    }
    for (const child of node.content ?? []) visit(child);
    if (node.type === "hardBreak" || isBlock(node)) {
      if (line.trim()) lines.push(line.trim());
      line = "";
    }
  };
  visit(content);
  if (line.trim()) lines.push(line.trim());
  return lines.join("\n");
}

function isBlock(node: JSONContent): boolean {
  return (
    node.type !== "text" &&
    (node.content === undefined || node.content.every((child) => child.type === "text" || child.type === "hardBreak"))
  );
}
