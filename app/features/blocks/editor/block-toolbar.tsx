import { useEditorState, type Editor } from "@tiptap/react";
import { useT } from "~/i18n/i18n";
import { insertInitiative, insertRight, isInInternal, toggleInternal } from "./block-commands";
import { useBlockData } from "./block-data";
import { LockIcon } from "./block-fields";

/** The toolbar's block buttons: insert an initiative or a right after the caret's block, mark blocks internal. */
export function BlockToolbarGroup({ editor }: { editor: Editor }) {
  const t = useT();
  const { myDepartment } = useBlockData();
  const { internal, canToggle } = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ internal: isInInternal(e), canToggle: toggleInternal(e, true) }),
  });
  return (
    <div className="toolbar__group toolbar__group--blocks" role="group" aria-label={t("blockEditor.insert.group")}>
      <button
        type="button"
        className="toolbar__button toolbar__button--text"
        title={t("blockEditor.insert.initiativeHint")}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => insertInitiative(editor, myDepartment)}
      >
        <span aria-hidden="true">＋</span>
        {t("blockEditor.insert.initiative")}
      </button>
      <button
        type="button"
        className="toolbar__button toolbar__button--text"
        title={t("blockEditor.insert.rightHint")}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => insertRight(editor, myDepartment)}
      >
        <span aria-hidden="true">＋</span>
        {t("blockEditor.insert.right")}
      </button>
      <button
        type="button"
        className="toolbar__button toolbar__button--text"
        aria-pressed={internal}
        disabled={!canToggle}
        title={t(internal ? "blockEditor.insert.internalLiftHint" : "blockEditor.insert.internalHint")}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => toggleInternal(editor)}
      >
        <LockIcon />
        {t("blockEditor.insert.internal")}
      </button>
    </div>
  );
}
