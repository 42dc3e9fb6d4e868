import type { AppLoadContext } from "@remix-run/node";
import { approvalState } from "~/features/approvals/approval-queries.server";
import { listThreads } from "~/features/comments/comment.server";
import { listMentionables } from "~/features/comments/mention.server";

/** What the document page shows around the editor: the comment threads, who can be mentioned, the approval status. */
export async function documentSurroundings(
  context: AppLoadContext,
  doc: { id: string; accountId: string },
  user: { id: string; locale: string },
) {
  const [threads, mentionables, approval] = await Promise.all([
    listThreads(context.db, doc.id, user.id),
    listMentionables(context.db, doc.accountId, user.locale),
    approvalState(context, doc.id),
  ]);
  return { threads, mentionables, approvalStatus: approval.status };
}
