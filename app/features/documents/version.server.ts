import { AUTO_VERSION_NAMES } from "./versions/version-name";
import type { JSONContent } from "@tiptap/core";
import { asBytes, type Db } from "~/utils/db.server";
import type { Services } from "~/utils/services.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { afterCommit, isUniqueViolation } from "~/utils/after-commit.server";
import { reanchorAcross, saveAnchors, type NewAnchor } from "~/features/comments/comment-anchoring.server";
import { contentHash, replaceContent, yjsStateToContent } from "./document-content.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { skipAudit } from "~/features/audit/audit-scope.server";
import { cutPage, newestFirst, olderThan, parseOlderCursor } from "~/utils/newest-first.server";
import type { Prisma } from "@prisma/client";

export const VERSION_REASONS = ["manual", "approval", "review", "restore"] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

type VersionServices = Pick<Services, "db" | "hub" | "documents">;

export interface VersionedDocument {
  id: string;
  accountId: string;
  title: string;
}

/** What a version holds: the document as it is stored now, and its content's hash. */
export async function frozenState(services: Pick<Services, "documents">, documentId: string) {
  const state = await services.documents.currentState(documentId);
  return { state: asBytes(state), contentHash: contentHash(yjsStateToContent(state)) };
}

/** Tells the versions pages and the feed about a stored version; best effort, the version stands. */
export async function announceVersion(
  services: VersionServices,
  actorId: string,
  document: VersionedDocument,
  name: string,
) {
  await afterCommit("versions: new version not announced", { documentId: document.id }, async () => {
    services.hub.toDocument(document.id, "versions:changed", { documentId: document.id });
    await recordActivity(services, {
      accountId: document.accountId,
      actorId,
      kind: "version_saved",
      documentId: document.id,
      subject: document.title,
      detail: name,
    });
  });
}

/**
 * The version this person already saved with this client id, for a retried
 * submit; the same id on another document is a client's mistake, not a retry.
 */
async function savedBefore(db: Db, actorId: string, documentId: string, clientId: string | undefined) {
  if (!clientId) return null;
  const version = await db.docVersion.findUnique({
    where: { createdById_clientId: { createdById: actorId, clientId } },
    select: { id: true, contentHash: true, documentId: true },
  });
  if (!version) return null;
  if (version.documentId !== documentId) throw new WorkflowError(409, "error.formReused");
  return { id: version.id, contentHash: version.contentHash };
}

/**
 * Freezes the document as it is stored now, under a name. With a `clientId`,
 * a retried submit answers with the version the first one saved.
 */
export async function saveVersion(
  services: VersionServices,
  actorId: string,
  document: VersionedDocument,
  name: string,
  reason: VersionReason,
  clientId?: string,
) {
  const { db } = services;
  const earlier = await savedBefore(db, actorId, document.id, clientId);
  if (earlier) {
    // A retried submit: answered with what the first one made, and logged once.
    skipAudit();
    return earlier;
  }
  let version;
  try {
    version = await db.docVersion.create({
      data: {
        documentId: document.id,
        name,
        reason,
        ...(await frozenState(services, document.id)),
        createdById: actorId,
        clientId: clientId ?? null,
      },
      select: { id: true, contentHash: true },
    });
  } catch (error) {
    const raced = isUniqueViolation(error) && (await savedBefore(db, actorId, document.id, clientId));
    if (raced) return raced;
    throw error;
  }
  await announceVersion(services, actorId, document, name);
  return version;
}

const VERSION_SELECT = {
  id: true,
  name: true,
  reason: true,
  contentHash: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} as const;

type VersionRow = Prisma.DocVersionGetPayload<{ select: typeof VERSION_SELECT }>;

function toVersionView(row: VersionRow) {
  return {
    id: row.id,
    name: row.name,
    reason: row.reason as VersionReason,
    contentHash: row.contentHash,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
  };
}

/** The document's versions, newest first. */
export async function listVersions(db: Db, documentId: string) {
  const rows = await db.docVersion.findMany({
    where: { documentId },
    orderBy: newestFirst("createdAt"),
    select: VERSION_SELECT,
  });
  return rows.map(toVersionView);
}

/** One page of the document's versions, newest first (`older`: a page's cursor), and the next page's cursor. */
export async function versionsPage(db: Db, documentId: string, older: string | null | undefined, size: number) {
  const rows = await db.docVersion.findMany({
    where: { documentId, ...olderThan("createdAt", parseOlderCursor(older)) },
    orderBy: newestFirst("createdAt"),
    select: VERSION_SELECT,
    take: size + 1,
  });
  const page = cutPage(rows, size, (row) => row.createdAt);
  return { versions: page.rows.map(toVersionView), older: page.older };
}

/** These versions of the document (ids of other documents' versions are left out). */
export async function versionsById(db: Db, documentId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.docVersion.findMany({
    where: { documentId, id: { in: ids } },
    orderBy: newestFirst("createdAt"),
    select: VERSION_SELECT,
  });
  return rows.map(toVersionView);
}

/** A version's content; 404 unless it belongs to this document. */
export async function versionContent(db: Db, documentId: string, versionId: string): Promise<JSONContent> {
  return yjsStateToContent(await versionState(db, documentId, versionId));
}

/** A version's Yjs state; 404 when the document has no such version. */
export async function versionState(db: Db, documentId: string, versionId: string): Promise<Uint8Array> {
  const version = await db.docVersion.findFirst({ where: { id: versionId, documentId }, select: { state: true } });
  if (!version) throw new WorkflowError(404, "versions.error.notFound");
  return version.state;
}

/** The document's content as stored now, and its hash. */
export async function currentContent(services: Pick<Services, "documents">, documentId: string) {
  const content = yjsStateToContent(await services.documents.currentState(documentId));
  return { content, hash: contentHash(content) };
}

/**
 * Brings back a version's content as a new change that everyone sees live;
 * nothing is rewritten. What was there before is kept as a version first, so a
 * restore can itself be undone. Comment threads whose quoted text is in the
 * restored content stay anchored to it.
 */
export async function restoreVersion(
  services: VersionServices,
  actorId: string,
  document: VersionedDocument,
  versionId: string,
): Promise<void> {
  const version = await services.db.docVersion.findFirst({
    where: { id: versionId, documentId: document.id },
    select: { name: true, state: true },
  });
  if (!version) throw new WorkflowError(404, "versions.error.notFound");
  const content = yjsStateToContent(version.state);
  await saveVersion(services, actorId, document, AUTO_VERSION_NAMES.restore(version.name), "restore");
  const threads = await services.db.commentThread.findMany({
    where: { documentId: document.id },
    select: { id: true, quote: true, anchorStart: true },
  });
  let anchors: NewAnchor[] = [];
  // The new anchors are computed on the copy the restore edits, so they point
  // at the very characters the restore stores.
  await services.documents.changeDocument(document.id, document.accountId, actorId, (copy) => {
    anchors = reanchorAcross(copy, threads, () => replaceContent(copy, content));
  });
  // The restore is stored: a failure from here on is logged, and the answer stays success.
  await afterCommit("versions: comment anchors not saved after a restore", { documentId: document.id }, async () => {
    await saveAnchors(services.db, anchors);
    for (const anchor of anchors) {
      services.hub.toDocument(document.id, "comment:changed", { documentId: document.id, threadId: anchor.id });
    }
  });
  await recordActivity(services, {
    accountId: document.accountId,
    actorId,
    kind: "version_restored",
    documentId: document.id,
    subject: document.title,
    detail: version.name,
  });
}
