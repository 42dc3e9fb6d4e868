import type { JSONContent } from "@tiptap/core";
import { h, p } from "./doc-templates";

/**
 * A template's sections are its level-2 headings. A section starts at a top-level H2, or at a
 * top-level block whose first node is one (the roadmap's internal-only section); it runs to the
 * next start. What comes before the first (an introduction) belongs to no section.
 */
function sectionHeading(node: JSONContent): string | null {
  const heading = node.type === "heading" ? node : node.content?.[0];
  if (heading?.type !== "heading" || heading.attrs?.level !== 2) return null;
  return (heading.content ?? []).map((child) => child.text ?? "").join("");
}

function split(content: JSONContent) {
  const preamble: JSONContent[] = [];
  const sections: Array<{ heading: string; nodes: JSONContent[] }> = [];
  for (const node of content.content ?? []) {
    const heading = sectionHeading(node);
    if (heading !== null) sections.push({ heading, nodes: [node] });
    else if (sections.length > 0) sections[sections.length - 1].nodes.push(node);
    else preamble.push(node);
  }
  return { preamble, sections };
}

/** The section headings of a template, in order (what the admin page edits). */
export function templateHeadings(content: JSONContent): string[] {
  return split(content).sections.map((section) => section.heading);
}

/**
 * The template with an admin's list of headings. A heading the built-in template has keeps its
 * built-in section (guidance, example blocks); any other becomes an H2 with an empty paragraph.
 * Matching on the exact text keeps this simple and predictable: renaming a section trades its
 * guidance for a blank one, which is what a renamed section usually needs anyway.
 */
export function withHeadings(content: JSONContent, headings: readonly string[]): JSONContent {
  const { preamble, sections } = split(content);
  const unused = [...sections];
  const body = headings.flatMap((heading) => {
    const index = unused.findIndex((section) => section.heading === heading);
    if (index === -1) return [h(2, heading), p()];
    return unused.splice(index, 1)[0].nodes;
  });
  return { ...content, content: [...preamble, ...body] };
}
