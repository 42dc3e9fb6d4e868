import type { AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { compareBlocks } from "~/features/blocks/block-changes";
import { blockNames, blocksOfState } from "~/features/blocks/block-set.server";
import { listVersions, versionState } from "../version.server";
import type { VersionQuerySchema } from "../version.schema";
import { contentHash, yjsStateToContent } from "../document-content.server";
import { diffContent } from "./content-diff";

type VersionQuery = z.infer<typeof VersionQuerySchema>;

/**
 * The document's versions and what the query asks to show: one version
 * (`?view=`) or two compared (`?from=&to=`, "now" being the document as it is).
 * A comparison also lists the initiatives and rights that changed, field by
 * field. A version that cannot be read throws its WorkflowError.
 */
export async function loadVersionsPage(context: AppLoadContext, documentId: string, query: VersionQuery) {
  const [versions, nowState] = await Promise.all([
    listVersions(context.db, documentId),
    context.documents.currentState(documentId),
  ]);
  const nowContent = yjsStateToContent(nowState);
  const stateOf = (id: string) => (id === "now" ? nowState : versionState(context.db, documentId, id));
  let shown: {
    mode: "view" | "compare";
    from: string;
    to: string;
    blocks: ReturnType<typeof diffContent>;
    blockChanges: ReturnType<typeof compareBlocks> | null;
  } | null = null;
  if (query.view) {
    const content = yjsStateToContent(await stateOf(query.view));
    shown = {
      mode: "view",
      from: query.view,
      to: query.view,
      blocks: diffContent(content, content),
      blockChanges: null,
    };
  } else if (query.from) {
    const to = query.to ?? "now";
    const [before, after] = await Promise.all([stateOf(query.from), stateOf(to)]);
    shown = {
      mode: "compare",
      from: query.from,
      to,
      blocks: diffContent(yjsStateToContent(before), yjsStateToContent(after)),
      blockChanges: compareBlocks(blocksOfState(before), blocksOfState(after)),
    };
  }
  const names = shown?.blockChanges ? await blockNames(context.db) : null;
  return { versions, nowHash: contentHash(nowContent), shown, blockNames: names };
}
