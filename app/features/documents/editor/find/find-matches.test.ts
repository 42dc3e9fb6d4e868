import { getSchema } from "@tiptap/core";
import type { Node } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { documentExtensions } from "~/features/documents/collab/editor-extensions";
import { findMatches, replaceMatches } from "./find-matches";

const schema = getSchema(documentExtensions);

const paragraph = (...content: object[]) => ({ type: "paragraph", content });
const text = (value: string) => ({ type: "text", text: value });
const docOf = (...blocks: object[]): Node => schema.nodeFromJSON({ type: "doc", content: blocks });

/** The text of each match, as the reader would see it highlighted. */
const found = (doc: Node, query: string) => findMatches(doc, query).map(({ from, to }) => doc.textBetween(from, to));

describe("findMatches", () => {
  it("ignores case in Latin text and finds every match in a paragraph", () => {
    const doc = docOf(paragraph(text("Metro pilot; METRO line two; the metro depot")));
    expect(found(doc, "metro")).toEqual(["Metro", "METRO", "metro"]);
    expect(found(doc, "MeTrO")).toHaveLength(3);
  });

  it("finds two- and three-character substrings of Chinese text", () => {
    const doc = docOf(paragraph(text("华东地铁试点线明年通车，地铁二期随后招标")), paragraph(text("试点线预算待定")));
    expect(found(doc, "地铁")).toEqual(["地铁", "地铁"]);
    expect(found(doc, "试点线")).toEqual(["试点线", "试点线"]);
    expect(findMatches(doc, "地铁")[0]).toEqual({ from: 3, to: 5 });
  });

  it("finds nothing when the text is not there, or for an empty query", () => {
    const doc = docOf(paragraph(text("华东地铁试点线")));
    expect(findMatches(doc, "高铁")).toEqual([]);
    expect(findMatches(doc, "")).toEqual([]);
  });

  it("reads the query as text, not as a pattern", () => {
    const doc = docOf(paragraph(text("Budget (1.5%) vs 105%")));
    expect(found(doc, "(1.5%)")).toEqual(["(1.5%)"]);
    expect(found(doc, ".")).toEqual(["."]);
  });

  it("keeps positions right across marks, and never matches across a line break or a paragraph", () => {
    const doc = docOf(
      paragraph(text("plain "), { type: "text", text: "bold", marks: [{ type: "bold" }] }, text(" plain")),
      paragraph(text("end of one"), { type: "hardBreak" }, text("line two")),
      paragraph(text("line")),
    );
    expect(found(doc, "n bold p")).toEqual(["n bold p"]);
    expect(found(doc, "oneline")).toEqual([]);
    expect(found(doc, "twoline")).toEqual([]);
    expect(found(doc, "line")).toEqual(["line", "line"]);
  });

  it("finds the text inside an initiative card", () => {
    const doc = docOf(paragraph(text("Roadmap")), {
      type: "initiative",
      attrs: { title: "Pilot" },
      content: [paragraph(text("扩建华东地铁试点线"))],
    });
    expect(found(doc, "地铁试点")).toEqual(["地铁试点"]);
  });
});

describe("replaceMatches", () => {
  it("replaces every match, later ones first, so earlier positions hold", () => {
    const doc = docOf(paragraph(text("地铁 and 地铁")), paragraph(text("地铁")));
    const state = EditorState.create({ doc });
    const tr = replaceMatches(state.tr, findMatches(doc, "地铁"), "轨道交通");
    expect(tr.doc.textBetween(0, tr.doc.content.size, "|")).toBe("轨道交通 and 轨道交通|轨道交通");
  });

  it("empties a paragraph that was all match instead of removing it", () => {
    const doc = docOf(paragraph(text("one")), paragraph(text("drop")), paragraph(text("three")));
    const tr = replaceMatches(EditorState.create({ doc }).tr, findMatches(doc, "drop"), "");
    expect(tr.doc.childCount).toBe(3);
    expect(tr.doc.textBetween(0, tr.doc.content.size, "|")).toBe("one||three");
  });
});
