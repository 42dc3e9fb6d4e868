import { lazy, Suspense, useEffect, type ComponentProps } from "react";
import type { CollabSession } from "~/features/documents/collab/provider.client";
import { useT } from "~/i18n/i18n";
import type { DocumentEditor as EagerEditor } from "./document-editor";

const loadEditor = () => import("./document-editor");
const Editor = lazy(() => loadEditor().then((module) => ({ default: module.DocumentEditor })));

type EditorProps = ComponentProps<typeof EagerEditor>;

/**
 * The document editor, whose code (TipTap and ProseMirror, most of an editor page's
 * script) is a lazy module: it starts loading when the page mounts, beside the collab
 * session, instead of delaying the page's first paint and hydration. Until both are
 * there, the text's place says it is loading.
 */
export function LazyDocumentEditor({
  session,
  ...props
}: Omit<EditorProps, "session"> & { session: CollabSession | null }) {
  const t = useT();
  useEffect(() => {
    // A failed load shows where the editor renders (the route's error boundary), not here.
    loadEditor().catch(() => undefined);
  }, []);
  const loading = <p className="muted editor-loading">{t("doc.loading")}</p>;
  if (!session) return loading;
  return (
    <Suspense fallback={loading}>
      <Editor session={session} {...props} />
    </Suspense>
  );
}
