import type { JSONContent } from "@tiptap/core";
import type { DocKind } from "~/features/documents/doc-templates";
import { asBytes, type Db } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/after-commit.server";
import { contentToYjsState } from "./document-content.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { skipAudit } from "~/features/audit/audit-scope.server";

export interface NewDocument {
  accountId: string;
  kind: DocKind;
  title: string;
  /** First content: the kind's template, or seeded content. */
  content: JSONContent;
  createdById: string | null;
  /** Made by the new-document form, so a retried submit finds the document instead of adding one. */
  clientId?: string;
}

/**
 * The document this person already created with this client id, for a
 * retried submit; the same id on another account is a client's mistake.
 */
async function createdBefore(db: Db, input: NewDocument) {
  if (!input.clientId || !input.createdById) return null;
  const document = await db.document.findUnique({
    where: { createdById_clientId: { createdById: input.createdById, clientId: input.clientId } },
    select: { id: true, accountId: true },
  });
  if (!document) return null;
  if (document.accountId !== input.accountId) throw new WorkflowError(409, "error.formReused");
  return { id: document.id, created: false };
}

/**
 * Creates a document whose first state (its snapshot) is `content`. With a
 * `clientId`, a retried submit (or two at once) answers with the document the
 * first one created, and `created: false` so it is announced once.
 */
export async function createDocument(db: Db, input: NewDocument): Promise<{ id: string; created: boolean }> {
  const earlier = await createdBefore(db, input);
  if (earlier) {
    // A retried submit: answered with what the first one made, and logged once.
    skipAudit();
    return earlier;
  }
  const state = asBytes(contentToYjsState(input.content));
  try {
    const document = await db.document.create({
      data: {
        accountId: input.accountId,
        kind: input.kind,
        title: input.title,
        createdById: input.createdById,
        clientId: input.clientId ?? null,
        snapshot: { create: { state, lastUpdateId: 0 } },
      },
      select: { id: true },
    });
    return { id: document.id, created: true };
  } catch (error) {
    const raced = isUniqueViolation(error) && (await createdBefore(db, input));
    if (raced) return raced;
    throw error;
  }
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
