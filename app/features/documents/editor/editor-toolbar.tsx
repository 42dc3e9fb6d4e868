import type { Editor } from "@tiptap/react";
import type { ReactNode } from "react";
import { useEditorState } from "@tiptap/react";
import { BlockToolbarGroup } from "~/features/blocks/editor/block-toolbar";
import { useIsMac } from "~/components/use-is-mac";
import { useT, type MessageKey, type Translate } from "~/i18n/i18n";
import { SHORTCUTS, shortcutText, type Shortcut } from "~/shared/shortcuts";
import { FindButton } from "./find/find-bar";

interface Tool {
  key: MessageKey;
  icon: ReactNode;
  shortcut?: Shortcut;
  run: (editor: Editor, t: Translate) => void;
  active?: (editor: Editor) => boolean;
  enabled?: (editor: Editor) => boolean;
}

const TOOLS: Tool[][] = [
  [
    {
      key: "doc.toolbar.undo",
      icon: "↶",
      shortcut: SHORTCUTS.undo,
      run: (e) => e.chain().focus().undo().run(),
      enabled: (e) => e.can().undo(),
    },
    {
      key: "doc.toolbar.redo",
      icon: "↷",
      shortcut: SHORTCUTS.redo,
      run: (e) => e.chain().focus().redo().run(),
      enabled: (e) => e.can().redo(),
    },
  ],
  [
    {
      key: "doc.toolbar.paragraph",
      shortcut: SHORTCUTS.paragraph,
      icon: "¶",
      run: (e) => e.chain().focus().setParagraph().run(),
      active: (e) => e.isActive("paragraph"),
    },
    {
      key: "doc.toolbar.h1",
      shortcut: SHORTCUTS.h1,
      icon: "H1",
      run: (e) => e.chain().focus().toggleHeading({ level: 1 }).run(),
      active: (e) => e.isActive("heading", { level: 1 }),
    },
    {
      key: "doc.toolbar.h2",
      shortcut: SHORTCUTS.h2,
      icon: "H2",
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive("heading", { level: 2 }),
    },
    {
      key: "doc.toolbar.h3",
      shortcut: SHORTCUTS.h3,
      icon: "H3",
      run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive("heading", { level: 3 }),
    },
  ],
  [
    {
      key: "doc.toolbar.bold",
      icon: "B",
      shortcut: SHORTCUTS.bold,
      run: (e) => e.chain().focus().toggleBold().run(),
      active: (e) => e.isActive("bold"),
    },
    {
      key: "doc.toolbar.italic",
      icon: "I",
      shortcut: SHORTCUTS.italic,
      run: (e) => e.chain().focus().toggleItalic().run(),
      active: (e) => e.isActive("italic"),
    },
    { key: "doc.toolbar.link", icon: <LinkIcon />, run: promptForLink, active: (e) => e.isActive("link") },
  ],
  [
    {
      key: "doc.toolbar.bulletList",
      shortcut: SHORTCUTS.bulletList,
      icon: "•",
      run: (e) => e.chain().focus().toggleBulletList().run(),
      active: (e) => e.isActive("bulletList"),
    },
    {
      key: "doc.toolbar.orderedList",
      shortcut: SHORTCUTS.orderedList,
      icon: "1.",
      run: (e) => e.chain().focus().toggleOrderedList().run(),
      active: (e) => e.isActive("orderedList"),
    },
    {
      key: "doc.toolbar.taskList",
      shortcut: SHORTCUTS.taskList,
      icon: "☑",
      run: (e) => e.chain().focus().toggleTaskList().run(),
      active: (e) => e.isActive("taskList"),
    },
    {
      key: "doc.toolbar.table",
      icon: "▦",
      run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
  ],
];

/** Formatting buttons: each has a label, a pressed state, and its shortcut in the tooltip. */
export function EditorToolbar({
  editor,
  onFind,
  onComment,
  onActionItem,
}: {
  editor: Editor;
  onFind: () => void;
  onComment?: () => void;
  onActionItem?: () => void;
}) {
  const t = useT();
  const mac = useIsMac();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      TOOLS.flat().map((tool) => ({
        active: tool.active?.(e) ?? false,
        enabled: tool.enabled?.(e) ?? true,
      })),
  });
  const hasSelection = useEditorState({ editor, selector: ({ editor: e }) => !e.state.selection.empty });
  let index = 0;
  return (
    <div className="toolbar" role="toolbar" aria-label={t("doc.toolbar")}>
      {TOOLS.map((group, g) => (
        <div className="toolbar__group" key={g}>
          {group.map((tool) => {
            const { active, enabled } = state[index++];
            const label = t(tool.key);
            return (
              <button
                key={tool.key}
                type="button"
                className="toolbar__button"
                title={tool.shortcut ? `${label} (${shortcutText(tool.shortcut, mac)})` : label}
                aria-pressed={tool.active ? active : undefined}
                disabled={!enabled}
                // Keep the editor's selection: a click must not blur it first.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => tool.run(editor, t)}
              >
                {/* "H1", "1.", "B": typographic symbols, like the other icons; the
                    button's name is the tool's (WCAG 2.5.3 reads them as symbols). */}
                <span aria-hidden="true">{tool.icon}</span>
                <span className="visually-hidden">{label}</span>
              </button>
            );
          })}
        </div>
      ))}
      <div className="toolbar__group">
        <FindButton onClick={onFind} />
      </div>
      <BlockToolbarGroup editor={editor} />
      {onComment ? (
        <div className="toolbar__group toolbar__group--end">
          {onActionItem ? (
            <SelectionButton enabled={hasSelection} title={t("comments.toActionFromSelection")} onClick={onActionItem}>
              ☐ {t("comments.actionItem")}
            </SelectionButton>
          ) : null}
          <SelectionButton
            enabled={hasSelection}
            title={`${t("comments.start")} (${shortcutText(SHORTCUTS.comment, mac)})`}
            onClick={onComment}
          >
            <CommentIcon /> {t("comments.post")}
          </SelectionButton>
        </div>
      ) : null}
    </div>
  );
}

/** A labelled button that acts on the selection; without one it says what to do first. */
function SelectionButton({
  enabled,
  title,
  onClick,
  children,
}: {
  enabled: boolean;
  title: string;
  onClick: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className="toolbar__button toolbar__button--text"
      title={enabled ? title : t("comments.selectFirst")}
      disabled={!enabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/**
 * Commenting for people who read but do not edit (viewers): the selection is
 * the browser's, so the button is always offered and says what to do when
 * nothing is selected.
 */
export function CommentButton({ onClick }: { onClick: () => void }) {
  const t = useT();
  const mac = useIsMac();
  return (
    <button
      type="button"
      className="toolbar__button toolbar__button--text"
      title={`${t("comments.start")} (${shortcutText(SHORTCUTS.comment, mac)})`}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <CommentIcon /> {t("comments.post")}
    </button>
  );
}

function CommentIcon() {
  return (
    <StrokeIcon strokeWidth={2}>
      <path d="M4 5h16v11H9l-5 4V5Z" strokeLinejoin="round" />
    </StrokeIcon>
  );
}

function promptForLink(editor: Editor, t: Translate): void {
  const previous = (editor.getAttributes("link").href as string | undefined) ?? "";
  const href = window.prompt(t("doc.toolbar.linkPrompt"), previous);
  if (href === null) return;
  if (href.trim() === "") {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    return;
  }
  editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
}

function LinkIcon() {
  return (
    <StrokeIcon strokeWidth={2.2}>
      <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4L11.6 6" strokeLinecap="round" />
      <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.6-1.6" strokeLinecap="round" />
    </StrokeIcon>
  );
}

function StrokeIcon({ strokeWidth, children }: { strokeWidth: number; children: ReactNode }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}
