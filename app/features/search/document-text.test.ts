import { describe, expect, it } from "vitest";
import { plainText } from "./document-text";

describe("a document's text for search", () => {
  it("puts each paragraph, heading and list item on its own line, and a block's written fields too", () => {
    const text = plainText({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "路线图 2026" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Lead time " },
            { type: "text", text: "cut", marks: [{ type: "bold" }] },
            { type: "text", text: " to 8 weeks." },
          ],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "华东仓库" }] }] },
          ],
        },
        {
          type: "initiative",
          attrs: { blockId: "b1", title: "Depot pilot", status: "planned", goal: "internal" },
          content: [{ type: "paragraph", content: [{ type: "text", text: "Two depots first." }] }],
        },
      ],
    });
    expect(text.split("\n")).toEqual([
      "路线图 2026",
      "Lead time cut to 8 weeks.",
      "华东仓库",
      "Depot pilot",
      "Two depots first.",
    ]);
  });

  it("is empty for an empty document", () => {
    expect(plainText({ type: "doc", content: [{ type: "paragraph" }] })).toBe("");
  });
});
