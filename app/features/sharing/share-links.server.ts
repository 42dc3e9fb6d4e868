import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/utils/db.server";
import { yjsStateToContent } from "~/features/documents/document-content.server";
import { customerContent } from "./shared-content";
import { SHAREABLE_KINDS } from "./share.schema";

/** 192 random bits, URL-safe: never guessed, never stored. */
function newToken(): string {
  return randomBytes(24).toString("base64url");
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The approved version a document's links show now: the latest approval, or null before the first. */
async function approvedVersion(db: Db, documentId: string) {
  const request = await db.approvalRequest.findFirst({
    where: { documentId, status: "approved" },
    orderBy: [{ closedAt: "desc" }, { createdAt: "desc" }],
    select: { closedAt: true, version: { select: { id: true, name: true, state: true, createdAt: true } } },
  });
  return request ? { ...request.version, approvedAt: request.closedAt ?? request.version.createdAt } : null;
}

export type ShareRefusal = "not-shareable" | "not-approved";

/**
 * A new link for the document (the caller checked that the user leads its
 * team). The token comes back once; the link shows the latest approved
 * version, so there is nothing to share before the first approval.
 */
export async function createShareLink(
  db: Db,
  input: { documentId: string; userId: string; expiresAt: Date | null },
): Promise<{ token: string } | { refused: ShareRefusal }> {
  const document = await db.document.findUnique({ where: { id: input.documentId }, select: { kind: true } });
  if (!document || !SHAREABLE_KINDS.includes(document.kind)) return { refused: "not-shareable" };
  if (!(await approvedVersion(db, input.documentId))) return { refused: "not-approved" };
  const token = newToken();
  await db.shareLink.create({
    data: {
      documentId: input.documentId,
      tokenHash: hashToken(token),
      createdById: input.userId,
      expiresAt: input.expiresAt,
    },
  });
  return { token };
}

/** Ends a link of this document at once; false when there is no such link. */
export async function revokeShareLink(db: Db, documentId: string, linkId: string): Promise<boolean> {
  const { count } = await db.shareLink.updateMany({
    where: { id: linkId, documentId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/** A document's links, newest first, each with its views (newest first), for its team. */
export async function listShareLinks(db: Db, documentId: string) {
  const links = await db.shareLink.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
      views: { orderBy: { at: "desc" }, take: 20, select: { at: true, client: true } },
      _count: { select: { views: true } },
    },
  });
  const version = await approvedVersion(db, documentId);
  return {
    approved: version ? { name: version.name, approvedAt: version.approvedAt.toISOString() } : null,
    links: links.map((link) => ({
      id: link.id,
      createdAt: link.createdAt.toISOString(),
      expiresAt: link.expiresAt?.toISOString() ?? null,
      revokedAt: link.revokedAt?.toISOString() ?? null,
      createdBy: link.createdBy.name,
      viewCount: link._count.views,
      views: link.views.map((view) => ({ at: view.at.toISOString(), client: view.client })),
    })),
  };
}

/**
 * What a share link shows, logging the view; null for a token that is
 * unknown, revoked or expired, or a document with no approved version: the
 * page answers all of them with the same plain 404.
 */
export async function openSharedDocument(db: Db, token: string, userAgent: string | null) {
  const link = await db.shareLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, expiresAt: true, document: { select: { id: true, title: true } } },
  });
  if (!link || link.revokedAt || (link.expiresAt && link.expiresAt <= new Date())) return null;
  const version = await approvedVersion(db, link.document.id);
  if (!version) return null;
  await db.shareView.create({ data: { linkId: link.id, client: coarseClient(userAgent) } });
  return {
    title: link.document.title,
    versionName: version.name,
    approvedAt: version.approvedAt.toISOString(),
    content: customerContent(yjsStateToContent(version.state)),
  };
}

/** "Chrome on Windows": enough for the team to recognise a visit, too little to follow anyone. */
export function coarseClient(userAgent: string | null): string {
  const ua = userAgent ?? "";
  const browser =
    [
      [/MicroMessenger/, "WeChat"],
      [/Edg\//, "Edge"],
      [/Firefox\//, "Firefox"],
      [/Chrome\//, "Chrome"],
      [/Safari\//, "Safari"],
    ].find(([pattern]) => (pattern as RegExp).test(ua))?.[1] ?? "Other browser";
  const platform =
    [
      [/iPhone|iPad/, "iOS"],
      [/Android/, "Android"],
      [/Windows/, "Windows"],
      [/Mac OS X/, "macOS"],
      [/Linux/, "Linux"],
    ].find(([pattern]) => (pattern as RegExp).test(ua))?.[1] ?? "another system";
  return `${browser as string} on ${platform as string}`;
}
