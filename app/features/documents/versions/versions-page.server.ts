import type { AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { compareBlocks } from "~/features/blocks/block-changes";
import { blockNames, blocksOfState } from "~/features/blocks/block-set.server";
import { versionsById, versionsPage, versionState } from "../version.server";
import type { VersionQuerySchema } from "../version.schema";
import { contentHash, yjsStateToContent } from "../document-content.server";
import { diffContent } from "./content-diff";

type VersionQuery = z.infer<typeof VersionQuerySchema>;

/** Versions listed per page: a document saved at every approval and review gathers hundreds. */
const VERSIONS_PAGE_SIZE = 30;

/**
 * A page of the document's versions (`?older=` a page's cursor) and what the query asks to
 * show: one version (`?view=`) or two compared (`?from=&to=`, "now" being the document as
 * it is). A comparison also lists the initiatives and rights that changed, field by field.
 * `choices` are the versions the compare form offers: the page's, and the ones on view when
 * they are on another page. A version that cannot be read throws its WorkflowError.
 */
export async function loadVersionsPage(
  context: AppLoadContext,
  documentId: string,
  query: VersionQuery,
  older: string | null,
) {
  const [page, nowState] = await Promise.all([
    versionsPage(context.db, documentId, older, VERSIONS_PAGE_SIZE),
    context.documents.currentState(documentId),
  ]);
  const { versions } = page;
  const listed = new Set(versions.map((version) => version.id));
  const elsewhere = new Set(
    [query.view, query.from, query.to].filter((id): id is string => !!id && id !== "now" && !listed.has(id)),
  );
  const choices = [...versions, ...(await versionsById(context.db, documentId, [...elsewhere]))].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
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
  return {
    versions,
    older: page.older,
    paged: older !== null,
    choices,
    nowHash: contentHash(nowContent),
    shown,
    blockNames: names,
  };
}
