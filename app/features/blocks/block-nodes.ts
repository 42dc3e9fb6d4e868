/**
 * The structured blocks as nodes of the document schema, shared by the editor
 * and the server (templates, restores, exports). Each field is an attribute of
 * its own, so Yjs merges two people's edits of two fields; HTML attributes carry
 * them through copy and paste between documents. The editor gives these nodes
 * their interactive views; here they are only schema.
 */
import { mergeAttributes, Node, type Attribute } from "@tiptap/core";
import { BLOCK_NODES } from "./blocks";

/** An attribute kept in `data-<kebab-name>` in HTML; numbers come back as numbers. */
function dataAttribute(name: string, fallback: string | number | null, kind: "text" | "number" = "text"): Attribute {
  const html = `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return {
    default: fallback,
    parseHTML: (element) => {
      const value = element.getAttribute(html);
      if (value === null || value === "") return fallback;
      if (kind === "text") return value;
      const number = Number(value);
      return Number.isFinite(number) ? number : fallback;
    },
    renderHTML: (attributes) => {
      const value: unknown = attributes[name];
      return value === null || value === undefined || value === "" ? {} : { [html]: String(value) };
    },
  };
}

export const InitiativeNode = Node.create({
  name: BLOCK_NODES.initiative,
  group: "block",
  // Free text under the fields; no initiative inside an initiative.
  content: "(paragraph | bulletList | orderedList)*",
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      blockId: dataAttribute("blockId", null),
      title: dataAttribute("title", ""),
      startQuarter: dataAttribute("startQuarter", null),
      endQuarter: dataAttribute("endQuarter", null),
      department: dataAttribute("department", ""),
      budget: dataAttribute("budget", null, "number"),
      currency: dataAttribute("currency", "CNY"),
      status: dataAttribute("status", "planned"),
      goal: dataAttribute("goal", "external"),
    };
  },
  parseHTML: () => [{ tag: `section[data-type="${BLOCK_NODES.initiative}"]` }],
  renderHTML: ({ HTMLAttributes }) => [
    "section",
    mergeAttributes({ "data-type": BLOCK_NODES.initiative, class: "block block--initiative" }, HTMLAttributes),
    0,
  ],
});

export const CustomerRightNode = Node.create({
  name: BLOCK_NODES.right,
  group: "block",
  atom: true,
  addAttributes() {
    return {
      blockId: dataAttribute("blockId", null),
      situation: dataAttribute("situation", ""),
      right: dataAttribute("right", ""),
      department: dataAttribute("department", ""),
      kpi: dataAttribute("kpi", null),
      threshold: dataAttribute("threshold", null, "number"),
      direction: dataAttribute("direction", "at_least"),
    };
  },
  parseHTML: () => [{ tag: `div[data-type="${BLOCK_NODES.right}"]` }],
  renderHTML: ({ HTMLAttributes }) => [
    "div",
    mergeAttributes({ "data-type": BLOCK_NODES.right, class: "block block--right" }, HTMLAttributes),
  ],
});

/** A part of any document kept from everything published to the customer. */
export const InternalSectionNode = Node.create({
  name: BLOCK_NODES.internal,
  group: "block",
  content: "block+",
  defining: true,
  parseHTML: () => [{ tag: `section[data-type="${BLOCK_NODES.internal}"]` }],
  renderHTML: ({ HTMLAttributes }) => [
    "section",
    mergeAttributes({ "data-type": BLOCK_NODES.internal, class: "block block--internal" }, HTMLAttributes),
    0,
  ],
});

export const blockNodes = [InitiativeNode, CustomerRightNode, InternalSectionNode];
