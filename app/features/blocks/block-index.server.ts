// Keeps the block tables in step with the documents: the document is the truth, the tables are its index.
import type { Db } from "~/utils/db.server";
import { log } from "../../../server/lib/logger";
import { extractBlocksFromState } from "./extract";

/**
 * Replaces a document's indexed initiatives and rights with those its content
 * holds now, in one transaction, so a page never sees half of a document's
 * blocks. Malformed blocks are skipped and logged, never thrown.
 */
export async function indexDocumentBlocks(db: Db, documentId: string, state: Uint8Array): Promise<void> {
  const blocks = extractBlocksFromState(state);
  for (const skipped of blocks.skipped) log.warn("blocks: block skipped", { documentId, ...skipped });
  const document = await db.document.findUnique({ where: { id: documentId }, select: { accountId: true } });
  if (!document) return; // deleted meanwhile: its rows went with it
  const { accountId } = document;
  await db.$transaction([
    db.initiativeBlock.deleteMany({ where: { documentId } }),
    db.rightBlock.deleteMany({ where: { documentId } }),
    db.initiativeBlock.createMany({
      data: blocks.initiatives.map((block) => ({ ...block, documentId, accountId })),
    }),
    db.rightBlock.createMany({ data: blocks.rights.map((block) => ({ ...block, documentId, accountId })) }),
    // Raw, so the document's updatedAt (its last edit, which approvals compare with) stays as it was.
    db.$executeRaw`UPDATE "Document" SET "blocksIndexedAt" = ${new Date()} WHERE id = ${documentId}`,
  ]);
}

/** Documents never indexed (made before blocks existed, or by a bulk import), oldest first. */
export async function unindexedDocuments(db: Db): Promise<string[]> {
  const rows = await db.document.findMany({
    where: { blocksIndexedAt: null },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => row.id);
}
