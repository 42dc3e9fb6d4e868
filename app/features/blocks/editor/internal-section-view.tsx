import { NodeViewContent, NodeViewWrapper } from "@tiptap/react";
import { useT } from "~/i18n/i18n";
import { LockIcon } from "./block-fields";

/** A bordered box whose label says plainly that nothing in it reaches the customer. */
export function InternalSectionView() {
  const t = useT();
  return (
    <NodeViewWrapper className="block-internal" role="group" aria-label={t("blockEditor.internal.label")}>
      <p className="block-internal__label" contentEditable={false}>
        <LockIcon />
        {t("blockEditor.internal.label")}
      </p>
      <NodeViewContent className="block-internal__content" />
    </NodeViewWrapper>
  );
}
