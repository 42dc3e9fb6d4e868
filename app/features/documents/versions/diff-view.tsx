import { Fragment, useState, type ReactNode } from "react";
import type { DiffBlock, DiffPart } from "~/features/documents/versions/content-diff";

/**
 * Screen-reader names of the kinds of change, already translated. `unchanged`
 * names a folded run; "{count}" in it is replaced by the number of blocks,
 * otherwise the number goes in front.
 */
export type DiffLabels = { added: string; removed: string; changed: string; unchanged?: string };

/** Runs of more unchanged blocks than this are folded away. */
const FOLD_OVER = 3;

type Segment = { index: number } | { start: number; end: number };

/**
 * Splits the blocks into what is shown and folds of unchanged blocks. A fold
 * keeps the unchanged block on either side of a change in view, since the
 * heading or the paragraph next to an edit is what tells where it is. Without
 * any change nothing is folded: the blocks are then a version to read.
 */
function segments(blocks: DiffBlock[]): Segment[] {
  const out: Segment[] = [];
  if (blocks.every((block) => block.change === "same")) return blocks.map((_, index) => ({ index }));
  let i = 0;
  while (i < blocks.length) {
    if (blocks[i].change !== "same") {
      out.push({ index: i++ });
      continue;
    }
    let end = i;
    while (end < blocks.length && blocks[end].change === "same") end++;
    if (end - i > FOLD_OVER) {
      const start = i > 0 ? i + 1 : i;
      const stop = end < blocks.length ? end - 1 : end;
      if (start > i) out.push({ index: i });
      out.push({ start, end: stop });
      if (stop < end) out.push({ index: stop });
    } else {
      for (let j = i; j < end; j++) out.push({ index: j });
    }
    i = end;
  }
  return out;
}

function Parts({ parts }: { parts: DiffPart[] }) {
  return parts.map((part, i) =>
    part.op === "insert" ? (
      <ins key={i}>{part.text}</ins>
    ) : part.op === "delete" ? (
      <del key={i}>{part.text}</del>
    ) : (
      <Fragment key={i}>{part.text}</Fragment>
    ),
  );
}

const box = (checked: boolean | undefined) => (checked ? "☑" : "☐");

function BlockBody({ block }: { block: DiffBlock }): ReactNode {
  const text = <Parts parts={block.parts} />;
  const indent = block.depth ? { marginInlineStart: `${1.5 * block.depth}rem` } : undefined;
  switch (block.kind) {
    case "heading": {
      // The page's own title is the h1; document headings sit below it.
      const Tag = block.level === 1 ? "h2" : block.level === 2 ? "h3" : "h4";
      return <Tag className="diff-heading">{text}</Tag>;
    }
    case "listItem":
      return (
        <p className="diff-item" style={indent}>
          {block.ordered ? (
            <span className="diff-item__marker">{block.number}.</span>
          ) : (
            <span className="diff-item__marker" aria-hidden="true">
              •
            </span>
          )}
          <span>{text}</span>
        </p>
      );
    case "taskItem":
      return (
        <p className="diff-item" style={indent}>
          <span className="diff-item__marker">
            {block.was?.checked !== undefined ? (
              <>
                <del>{box(block.was.checked)}</del>
                <ins>{box(block.checked)}</ins>
              </>
            ) : (
              box(block.checked)
            )}
          </span>
          <span>{text}</span>
        </p>
      );
    case "tableRow":
      return <p className="diff-row">{text}</p>;
    case "initiative":
    case "customerRight":
      return <p className="diff-row diff-block">{text}</p>;
    case "blockquote":
      return (
        <blockquote className="diff-quote">
          <p>{text}</p>
        </blockquote>
      );
    case "codeBlock":
      return (
        <pre className="diff-code">
          <code>{text}</code>
        </pre>
      );
    case "horizontalRule":
      return <hr className="diff-rule" />;
    default:
      return <p className="diff-paragraph">{text}</p>;
  }
}

function BlockView({ block, labels }: { block: DiffBlock; labels: DiffLabels }) {
  return (
    <div className={`diff-block diff-block--${block.change}`}>
      {block.change === "same" ? null : <span className="visually-hidden">{labels[block.change]}</span>}
      <BlockBody block={block} />
    </div>
  );
}

function foldLabel(labels: DiffLabels, count: number): string {
  const label = labels.unchanged ?? "unchanged";
  return label.includes("{count}") ? label.replace("{count}", String(count)) : `${count} ${label}`;
}

/** Two versions of a document as one, insertions and deletions marked inline. */
export function DiffView({ blocks, labels }: { blocks: DiffBlock[]; labels: DiffLabels }) {
  // Opened folds are remembered per list of blocks: comparing other versions starts folded again.
  const [opened, setOpened] = useState<{ blocks: DiffBlock[]; starts: ReadonlySet<number> }>({
    blocks,
    starts: new Set(),
  });
  const isOpen = (start: number) => opened.blocks === blocks && opened.starts.has(start);
  const toggle = (start: number) => {
    const starts = new Set(opened.blocks === blocks ? opened.starts : []);
    if (!starts.delete(start)) starts.add(start);
    setOpened({ blocks, starts });
  };
  return (
    <div className="diff-view">
      {segments(blocks).map((segment) => {
        if ("index" in segment) {
          return <BlockView key={segment.index} block={blocks[segment.index]} labels={labels} />;
        }
        const open = isOpen(segment.start);
        return (
          <div key={segment.start} className="diff-fold">
            <button
              type="button"
              className="diff-fold__toggle"
              aria-expanded={open}
              onClick={() => toggle(segment.start)}
            >
              <span aria-hidden="true">⋯</span> {foldLabel(labels, segment.end - segment.start)}
            </button>
            {open
              ? blocks
                  .slice(segment.start, segment.end)
                  .map((block, i) => <BlockView key={segment.start + i} block={block} labels={labels} />)
              : null}
          </div>
        );
      })}
    </div>
  );
}
