import { getSchema } from "@tiptap/core";
import * as Y from "yjs";
import { DOCUMENT_FIELD, documentExtensions } from "~/features/documents/collab/editor-extensions";
import { asBytes, type Db } from "~/utils/db.server";

const schema = getSchema(documentExtensions);

export interface AnchoredThread {
  id: string;
  quote: string;
  anchorStart: Uint8Array;
}

export interface NewAnchor {
  id: string;
  anchorStart: Uint8Array<ArrayBuffer>;
  anchorEnd: Uint8Array<ArrayBuffer>;
}

interface TextRun {
  text: Y.XmlText;
  /** Where this text node's first character lies in the flattened document. */
  start: number;
  length: number;
}

interface FlatDocument {
  text: string;
  runs: TextRun[];
}

/**
 * Replacing a document's content (restoring a version) deletes every
 * character the comment anchors point at. `change` edits `doc`; afterwards
 * each thread whose quoted text is in the new content gets anchors on it, at
 * the occurrence nearest to where the thread was. Threads whose text is gone
 * get nothing and stay detached.
 */
export function reanchorAcross(doc: Y.Doc, threads: AnchoredThread[], change: () => void): NewAnchor[] {
  const before = flatten(doc);
  const wasAt = new Map(threads.map((thread) => [thread.id, offsetOf(doc, before, thread.anchorStart)]));
  change();
  const after = flatten(doc);
  const anchors: NewAnchor[] = [];
  for (const thread of threads) {
    const at = nearestOccurrence(after.text, thread.quote, wasAt.get(thread.id) ?? null);
    if (at === null) continue;
    const start = runAt(after.runs, at, "start");
    const end = runAt(after.runs, at + thread.quote.length - 1, "end");
    if (!start || !end) continue;
    anchors.push({
      id: thread.id,
      anchorStart: encode(start.run.text, start.index),
      anchorEnd: encode(end.run.text, end.index),
    });
  }
  return anchors;
}

/** Stores new anchors (after the change they point into has been committed). */
export async function saveAnchors(db: Db, anchors: NewAnchor[]): Promise<void> {
  if (anchors.length === 0) return;
  await db.$transaction(
    anchors.map((anchor) =>
      db.commentThread.update({
        where: { id: anchor.id },
        data: { anchorStart: anchor.anchorStart, anchorEnd: anchor.anchorEnd },
      }),
    ),
  );
}

/**
 * The document's text the way the editor quotes a selection: text blocks
 * joined by one space (ProseMirror's textBetween with " "), and where each
 * Yjs text node lies in it.
 */
function flatten(doc: Y.Doc): FlatDocument {
  let text = "";
  let blocks = 0;
  const runs: TextRun[] = [];
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        const plain = (child.toDelta() as { insert: unknown }[])
          .map((op) => (typeof op.insert === "string" ? op.insert : "\ufffc"))
          .join("");
        runs.push({ text: child, start: text.length, length: plain.length });
        text += plain;
      } else if (child instanceof Y.XmlElement) {
        if (schema.nodes[child.nodeName]?.isTextblock && blocks++ > 0) text += " ";
        walk(child);
      }
    }
  };
  walk(doc.getXmlFragment(DOCUMENT_FIELD));
  return { text, runs };
}

/** Where an encoded anchor points in the flattened document, or null when its text node is gone. */
function offsetOf(doc: Y.Doc, flat: FlatDocument, encoded: Uint8Array): number | null {
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(encoded), doc);
    const run = position && flat.runs.find((r) => r.text === position.type);
    return run ? run.start + position.index : null;
  } catch {
    return null;
  }
}

function nearestOccurrence(text: string, quote: string, near: number | null): number | null {
  if (!quote) return null;
  let best: number | null = null;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (near === null) return at;
    if (best === null || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/**
 * The text node holding the character at `offset`, and the index a position
 * takes there: before that character for a start, after it for an end. A
 * start on a block separator moves to the next block.
 */
function runAt(runs: TextRun[], offset: number, side: "start" | "end") {
  for (const run of runs) {
    if (run.length === 0) continue;
    if (offset < run.start) return side === "start" ? { run, index: 0 } : null;
    if (offset < run.start + run.length) return { run, index: offset - run.start + (side === "end" ? 1 : 0) };
  }
  return null;
}

function encode(text: Y.XmlText, index: number): Uint8Array<ArrayBuffer> {
  return asBytes(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)));
}
