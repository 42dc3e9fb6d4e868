import { Extension } from "@tiptap/core";
import type { Node } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { findMatches, replaceMatches, type MatchRange } from "./find-matches";

export interface FindState {
  query: string;
  matches: MatchRange[];
  /** Index of the current match in `matches`, -1 when there is none. */
  current: number;
  decorations: DecorationSet;
}

/** A new query (its current match is the first from the caret on), a match to make current, or a place to go on from. */
type FindMeta = { query: string } | { index: number } | { after: number };

const findKey = new PluginKey<FindState>("findInDocument");

const CLOSED: FindState = { query: "", matches: [], current: -1, decorations: DecorationSet.empty };

export function findState(state: EditorState): FindState {
  return findKey.getState(state) ?? CLOSED;
}

/** The first match that starts at `pos` or later, wrapping round to the first one. */
function firstFrom(matches: MatchRange[], pos: number): number {
  if (matches.length === 0) return -1;
  const index = matches.findIndex((match) => match.from >= pos);
  return index === -1 ? 0 : index;
}

/**
 * Where `pos` in `before` is in `after`, found by comparing the two documents.
 * The transaction's own mapping cannot tell: the collaboration binding applies
 * every remote change as a replacement of the whole document, which maps each
 * position to its start or its end.
 */
function mapByDiff(before: Node, after: Node, pos: number): number {
  const start = before.content.findDiffStart(after.content);
  if (start === null || pos <= start) return pos;
  const end = before.content.findDiffEnd(after.content);
  if (!end || pos >= end.a) return pos + (end ? end.b - end.a : 0);
  return start;
}

function decorate(doc: Node, matches: MatchRange[], current: number): DecorationSet {
  return DecorationSet.create(
    doc,
    matches.map((match, index) =>
      Decoration.inline(match.from, match.to, {
        class: index === current ? "find-match find-match--current" : "find-match",
      }),
    ),
  );
}

/**
 * Highlights the matches of the find bar's query. The highlights are
 * decorations of this editor only: nothing reaches the shared document, so
 * other people see neither them nor any change to their carets.
 */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => CLOSED,
      apply(tr, value, oldState, state) {
        const meta = tr.getMeta(findKey) as FindMeta | undefined;
        if (!meta && !(tr.docChanged && value.query)) return value;
        const query = meta && "query" in meta ? meta.query : value.query;
        const matches = tr.docChanged || query !== value.query ? findMatches(state.doc, query) : value.matches;
        let current: number;
        if (!meta) {
          // Someone edited the text: the same match stays current, or the next one if it is gone.
          const was = value.matches[value.current];
          current = firstFrom(matches, was ? mapByDiff(oldState.doc, state.doc, was.from) : 0);
        } else if ("index" in meta) current = matches.length ? meta.index : -1;
        else if ("after" in meta) current = firstFrom(matches, meta.after);
        else current = firstFrom(matches, state.selection.from);
        return { query, matches, current, decorations: decorate(state.doc, matches, current) };
      },
    },
    props: {
      decorations: (state) => findKey.getState(state)?.decorations,
    },
  });
}

export const FindInDocument = Extension.create({
  name: "findInDocument",
  addProseMirrorPlugins: () => [findPlugin()],
});

/** Selects the current match, which the find bar then scrolls to. */
function selectCurrent(view: EditorView): void {
  const { matches, current } = findState(view.state);
  const match = matches[current];
  if (!match) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, match.from, match.to)));
}

/** Highlights the matches of `query` (none for ""), starting from the caret. */
export function search(view: EditorView, query: string): void {
  view.dispatch(view.state.tr.setMeta(findKey, { query } satisfies FindMeta));
  selectCurrent(view);
}

/** Makes the next (1) or previous (-1) match current, wrapping round at either end. */
export function step(view: EditorView, direction: 1 | -1): void {
  const { matches, current } = findState(view.state);
  if (matches.length === 0) return;
  const index = (current + direction + matches.length) % matches.length;
  view.dispatch(view.state.tr.setMeta(findKey, { index } satisfies FindMeta));
  selectCurrent(view);
}

/** Replaces the current match and goes on to the next one. */
export function replaceCurrent(view: EditorView, replacement: string): void {
  const { matches, current } = findState(view.state);
  const match = matches[current];
  if (!match) return;
  const tr = replaceMatches(view.state.tr, [match], replacement);
  // Past the new text, so a replacement that contains the query is not found again.
  view.dispatch(tr.setMeta(findKey, { after: match.from + replacement.length } satisfies FindMeta));
  selectCurrent(view);
}

/** Replaces every match in one transaction (one step to undo) and tells how many there were. */
export function replaceAll(view: EditorView, replacement: string): number {
  const { matches } = findState(view.state);
  if (matches.length > 0) view.dispatch(replaceMatches(view.state.tr, matches, replacement));
  return matches.length;
}
