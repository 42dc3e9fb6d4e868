import type { JSONContent } from "@tiptap/core";
import type { DocKind } from "~/shared/doc-templates";
import { asBytes, type Db } from "~/utils/db.server";
import { contentToYjsState } from "./document-content.server";

export interface NewDocument {
  accountId: string;
  kind: DocKind;
  title: string;
  /** First content: the kind's template, or seeded content. */
  content: JSONContent;
  createdById: string | null;
}

/** Creates a document whose first state (its snapshot) is `content`. */
export async function createDocument(db: Db, input: NewDocument) {
  const state = asBytes(contentToYjsState(input.content));
  return db.document.create({
    data: {
      accountId: input.accountId,
      kind: input.kind,
      title: input.title,
      createdById: input.createdById,
      snapshot: { create: { state, lastUpdateId: 0 } },
    },
    select: { id: true },
  });
}

export async function getDocumentMeta(db: Db, documentId: string) {
  return db.document.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      kind: true,
      title: true,
      accountId: true,
      updatedAt: true,
      account: { select: { id: true, name: true } },
    },
  });
}
