import { DOC_KINDS } from "~/features/documents/doc-templates";
import type { Db } from "~/utils/db.server";

/** Everything the account page shows, for a caller already checked by accountAccess. */
export async function getAccountOverview(db: Db, accountId: string) {
  return db.account.findUnique({
    where: { id: accountId },
    include: {
      members: {
        include: {
          user: { select: { id: true, name: true, email: true } },
          department: true,
        },
        orderBy: [{ department: { sortOrder: "asc" } }, { role: "asc" }],
      },
      // Review minutes are reached from their review, not listed with the team's documents.
      documents: {
        where: { kind: { in: [...DOC_KINDS] } },
        orderBy: { updatedAt: "desc" },
        select: { id: true, kind: true, title: true, updatedAt: true },
      },
      stageChanges: {
        orderBy: { changedAt: "desc" },
        include: { user: { select: { name: true } } },
      },
    },
  });
}
