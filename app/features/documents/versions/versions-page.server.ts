import type { JSONContent } from "@tiptap/core";
import type { AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { currentContent, listVersions, versionContent } from "../version.server";
import type { VersionQuerySchema } from "../version.schema";
import { diffContent } from "./content-diff";

type VersionQuery = z.infer<typeof VersionQuerySchema>;

/**
 * The document's versions and what the query asks to show: one version
 * (`?view=`) or two compared (`?from=&to=`, "now" being the document as it is).
 * A version that cannot be read throws its WorkflowError.
 */
export async function loadVersionsPage(context: AppLoadContext, documentId: string, query: VersionQuery) {
  const versions = await listVersions(context.db, documentId);
  const now = await currentContent(context, documentId);
  const contentOf = async (id: string): Promise<JSONContent> =>
    id === "now" ? now.content : versionContent(context.db, documentId, id);
  let shown: { mode: "view" | "compare"; from: string; to: string; blocks: ReturnType<typeof diffContent> } | null =
    null;
  if (query.view) {
    const content = await contentOf(query.view);
    shown = { mode: "view", from: query.view, to: query.view, blocks: diffContent(content, content) };
  } else if (query.from) {
    const to = query.to ?? "now";
    shown = {
      mode: "compare",
      from: query.from,
      to,
      blocks: diffContent(await contentOf(query.from), await contentOf(to)),
    };
  }
  return { versions, nowHash: now.hash, shown };
}
