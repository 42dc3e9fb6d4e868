import { Extension, type Editor, type Range } from "@tiptap/core";
import { isChangeOrigin } from "@tiptap/extension-collaboration";
import { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import Suggestion, { type SuggestionKeyDownProps, type SuggestionProps } from "@tiptap/suggestion";
import { forwardRef, useEffect, useImperativeHandle, useState } from "react";
import { useT, type MessageKey } from "~/i18n/i18n";
import { insertInitiative, insertRight, toggleInternal } from "./block-commands";
import { useBlockData } from "./block-data";

interface SlashItem {
  id: string;
  label: MessageKey;
  /** Words it is also found by, whatever the reader's language. */
  keywords: string;
  run: (editor: Editor, department: string | null) => void;
}

const ITEMS: SlashItem[] = [
  {
    id: "initiative",
    label: "blockEditor.insert.initiative",
    keywords: "initiative roadmap project 举措 路线图 项目",
    run: (editor, department) => insertInitiative(editor, department),
  },
  {
    id: "right",
    label: "blockEditor.insert.right",
    keywords: "right customer bill kpi 权利 客户 权利清单 权利法案",
    run: (editor, department) => insertRight(editor, department),
  },
  {
    id: "internal",
    label: "blockEditor.insert.internal",
    keywords: "internal private hidden 内部 保密",
    run: (editor) => toggleInternal(editor),
  },
  {
    id: "h2",
    label: "doc.toolbar.h2",
    keywords: "heading title h2 标题",
    run: (editor) => editor.chain().focus().setHeading({ level: 2 }).run(),
  },
  {
    id: "h3",
    label: "doc.toolbar.h3",
    keywords: "heading subtitle h3 标题",
    run: (editor) => editor.chain().focus().setHeading({ level: 3 }).run(),
  },
  {
    id: "bulletList",
    label: "doc.toolbar.bulletList",
    keywords: "list bullet 列表",
    run: (editor) => editor.chain().focus().toggleBulletList().run(),
  },
  {
    id: "orderedList",
    label: "doc.toolbar.orderedList",
    keywords: "list numbered ordered 编号 列表",
    run: (editor) => editor.chain().focus().toggleOrderedList().run(),
  },
  {
    id: "taskList",
    label: "doc.toolbar.taskList",
    keywords: "task todo checklist 任务 待办",
    run: (editor) => editor.chain().focus().toggleTaskList().run(),
  },
  {
    id: "table",
    label: "doc.toolbar.table",
    keywords: "table grid 表格",
    run: (editor) => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
  },
];

/** The chosen item and what it needs: the "/query" text is removed before the item runs. */
interface Chosen {
  item: SlashItem;
  department: string | null;
}

interface MenuProps {
  items: SlashItem[];
  query: string;
  command: (chosen: Chosen) => void;
  editor: Editor;
}

interface MenuHandle {
  onKeyDown: (props: SuggestionKeyDownProps) => boolean;
}

const OPTION_ID = "slash-menu-option";

/**
 * The menu "/" opens in the text: a listbox the caret drives (arrows, Enter, Escape) while
 * focus stays in the editor, whose active option the editor announces.
 */
const SlashMenu = forwardRef<MenuHandle, MenuProps>(function SlashMenu({ items, query, command, editor }, ref) {
  const t = useT();
  const { myDepartment } = useBlockData();
  const [active, setActive] = useState(0);
  const matching = items.filter(
    (item) => !query || `${t(item.label)} ${item.keywords}`.toLowerCase().includes(query.toLowerCase()),
  );
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    const dom = editor.view.dom;
    if (matching.length > 0) dom.setAttribute("aria-activedescendant", `${OPTION_ID}-${matching[active]?.id}`);
    else dom.removeAttribute("aria-activedescendant");
    return () => dom.removeAttribute("aria-activedescendant");
  }, [editor, matching, active]);

  const choose = (item: SlashItem | undefined) => {
    if (item) command({ item, department: myDepartment });
  };
  useImperativeHandle(ref, () => ({
    onKeyDown: ({ event }) => {
      if (matching.length === 0) return false;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((index) => (index + step + matching.length) % matching.length);
        return true;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        choose(matching[active]);
        return true;
      }
      return false;
    },
  }));

  if (matching.length === 0) {
    return (
      <div className="slash-menu slash-menu--empty" role="status">
        {t("blockEditor.slash.none", { query })}
      </div>
    );
  }
  return (
    <ul className="slash-menu" role="listbox" id="slash-menu" aria-label={t("blockEditor.slash.label")}>
      {matching.map((item, index) => (
        <li
          key={item.id}
          id={`${OPTION_ID}-${item.id}`}
          role="option"
          aria-selected={index === active}
          className={index === active ? "slash-menu__item slash-menu__item--active" : "slash-menu__item"}
          // The editor keeps focus: a click must not blur it before the item runs.
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => setActive(index)}
          onClick={() => choose(item)}
        >
          {t(item.label)}
        </li>
      ))}
    </ul>
  );
});

const SLASH_KEY = new PluginKey<{ active: boolean }>("slashCommands");

/** Typing "/" in the text offers the blocks and the common formats; the toolbar offers the same. */
export const SlashCommands = Extension.create({
  name: "slashCommands",
  addProseMirrorPlugins() {
    return [
      Suggestion<SlashItem, Chosen>({
        editor: this.editor,
        pluginKey: SLASH_KEY,
        char: "/",
        // Not inside code, where "/" is just a character (paths, dates).
        allow: ({ state, range }) => !state.doc.resolve(range.from).parent.type.spec.code,
        // Someone else's edit never opens this person's menu (it only keeps an open one open).
        shouldShow: ({ editor, transaction }) =>
          !isChangeOrigin(transaction) || Boolean(SLASH_KEY.getState(editor.state)?.active),
        items: () => ITEMS,
        command: ({ editor, range, props }: { editor: Editor; range: Range; props: Chosen }) => {
          editor.chain().focus().deleteRange(range).run();
          props.item.run(editor, props.department);
        },
        render: () => {
          let menu: ReactRenderer<MenuHandle, MenuProps> | null = null;
          let unmount: (() => void) | null = null;
          const menuProps = (props: SuggestionProps<SlashItem, Chosen>): MenuProps => ({
            items: props.items,
            query: props.query,
            command: props.command,
            editor: props.editor,
          });
          return {
            onStart: (props) => {
              menu = new ReactRenderer(SlashMenu, { editor: props.editor, props: menuProps(props) });
              unmount = props.mount(menu.element);
            },
            onUpdate: (props) => menu?.updateProps(menuProps(props)),
            onKeyDown: (props) => menu?.ref?.onKeyDown(props) ?? false,
            onExit: () => {
              unmount?.();
              menu?.destroy();
              menu = null;
              unmount = null;
            },
          };
        },
      }),
    ];
  },
});
