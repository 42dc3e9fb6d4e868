import { getSchema } from "@tiptap/core";
import type { Node } from "@tiptap/pm/model";
import { history, undo } from "@tiptap/pm/history";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import type { Decoration, EditorView } from "@tiptap/pm/view";
import { describe, expect, it } from "vitest";
import { documentExtensions } from "~/features/documents/collab/editor-extensions";
import { findPlugin, findState, replaceAll, replaceCurrent, search, step } from "./find-in-document";

const schema = getSchema(documentExtensions);

const docOf = (...paragraphs: string[]): Node =>
  schema.nodeFromJSON({
    type: "doc",
    content: paragraphs.map((text) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] })),
  });

/** Just enough of a view for the find commands: a state and a dispatch that records each transaction. */
function viewOf(doc: Node) {
  const view = {
    state: EditorState.create({ doc, plugins: [findPlugin(), history()] }),
    dispatched: [] as Transaction[],
    dispatch(tr: Transaction) {
      view.dispatched.push(tr);
      view.state = view.state.apply(tr);
    },
  };
  return view;
}
const asView = (view: ReturnType<typeof viewOf>) => view as unknown as EditorView;

// An inline decoration keeps its attributes on its (untyped) type.
const classOf = (decoration: Decoration) =>
  (decoration as unknown as { type: { attrs: { class: string } } }).type.attrs.class;

const textOf = (doc: Node) => doc.textBetween(0, doc.content.size, "|");

/** The current match's place, its text and the paragraph it is in. */
function current(view: ReturnType<typeof viewOf>) {
  const { matches, current: index } = findState(view.state);
  const match = matches[index];
  if (!match) return { index, total: matches.length, text: null, paragraph: null };
  const { doc } = view.state;
  return {
    index,
    total: matches.length,
    text: doc.textBetween(match.from, match.to),
    paragraph: doc.resolve(match.from).parent.textContent,
  };
}

describe("find in the document", () => {
  it("highlights every match, the current one apart, and selects it", () => {
    const view = viewOf(docOf("地铁试点线，地铁二期", "地铁三期"));
    search(asView(view), "地铁");
    expect(current(view)).toMatchObject({ index: 0, total: 3, text: "地铁" });
    expect(findState(view.state).decorations.find().map(classOf)).toEqual([
      "find-match find-match--current",
      "find-match",
      "find-match",
    ]);
    const { from, to } = view.state.selection;
    expect(view.state.doc.textBetween(from, to)).toBe("地铁");
  });

  it("starts from the caret and wraps round at either end", () => {
    const view = viewOf(docOf("metro one", "Metro two", "METRO three"));
    // The caret at the start of the second paragraph.
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, 12)));
    search(asView(view), "metro");
    expect(current(view).index).toBe(1);
    step(asView(view), 1);
    step(asView(view), 1);
    expect(current(view).index).toBe(0);
    step(asView(view), -1);
    expect(current(view).index).toBe(2);
  });

  it("never touches the document: the highlights are this editor's alone", () => {
    const doc = docOf("地铁试点线");
    const view = viewOf(doc);
    search(asView(view), "试点");
    step(asView(view), 1);
    search(asView(view), "");
    expect(view.dispatched.some((tr) => tr.docChanged)).toBe(false);
    expect(view.state.doc.eq(doc)).toBe(true);
    expect(findState(view.state).decorations.find()).toEqual([]);
  });

  it("keeps the same match current through someone else's edit, applied as the whole document replaced", () => {
    const view = viewOf(docOf("地铁一期", "地铁二期", "地铁三期"));
    search(asView(view), "地铁");
    step(asView(view), 1);
    expect(current(view)).toMatchObject({ index: 1, total: 3 });
    // The collaboration binding applies a remote change by replacing the whole document.
    const remote = docOf("新增：地铁零期", "地铁一期", "地铁二期", "地铁三期");
    view.dispatch(view.state.tr.replaceWith(0, view.state.doc.content.size, remote.content));
    expect(current(view)).toEqual({ index: 2, total: 4, text: "地铁", paragraph: "地铁二期" });
  });

  it("goes on to the next match when the current one is deleted", () => {
    const view = viewOf(docOf("alpha beta", "beta gamma", "beta"));
    search(asView(view), "beta");
    step(asView(view), 1);
    const second = findState(view.state).matches[1];
    view.dispatch(view.state.tr.delete(second.from, second.to));
    expect(current(view)).toEqual({ index: 1, total: 2, text: "beta", paragraph: "beta" });
  });

  it("replaces the current match and goes on, without finding a replacement that contains the query", () => {
    const view = viewOf(docOf("pilot, pilot, pilot"));
    search(asView(view), "pilot");
    replaceCurrent(asView(view), "pilot line");
    expect(textOf(view.state.doc)).toBe("pilot line, pilot, pilot");
    expect(current(view)).toMatchObject({ index: 1, total: 3 });
    replaceCurrent(asView(view), "pilot line");
    expect(textOf(view.state.doc)).toBe("pilot line, pilot line, pilot");
  });

  it("replaces all in one transaction, which one undo takes back", () => {
    const doc = docOf("地铁试点线，地铁二期", "", "Metro 地铁");
    const view = viewOf(doc);
    search(asView(view), "地铁");
    const before = view.dispatched.length;
    expect(replaceAll(asView(view), "轨道交通")).toBe(3);
    expect(view.dispatched.length - before).toBe(1);
    expect(textOf(view.state.doc)).toBe("轨道交通试点线，轨道交通二期||Metro 轨道交通");
    expect(current(view)).toMatchObject({ index: -1, total: 0 });
    undo(view.state, view.dispatch);
    expect(view.state.doc.eq(doc)).toBe(true);
  });
});
