import { useT } from "~/i18n/i18n";
import type { DiffBlock } from "~/features/documents/versions/content-diff";
import { DiffView } from "./diff-view";

/** A content diff with its change labels in the reader's language. */
export function DocumentDiff({ blocks }: { blocks: DiffBlock[] }) {
  const t = useT();
  return (
    <DiffView
      blocks={blocks}
      labels={{
        added: t("versions.added"),
        removed: t("versions.removed"),
        changed: t("versions.changed"),
        unchanged: t("versions.unchanged"),
      }}
    />
  );
}
