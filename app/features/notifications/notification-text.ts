import type { Translate } from "~/i18n/i18n";
import { approvalDecisionText } from "~/features/approvals/approval-text";
import { memberPlace } from "~/features/team/member-place";
import type { NotificationPayload } from "~/shared/hub";

/** The sentence a notification reads as, in the reader's language. */
export function notificationText(t: Translate, n: NotificationPayload): string {
  const vars = { actor: n.actorName ?? t("notifications.someone"), title: n.title, account: n.accountName ?? "" };
  switch (n.kind) {
    case "mention":
      return t("notifications.kind.mention", vars);
    case "department_mention":
      return t("notifications.kind.departmentMention", vars);
    case "reply":
      return t("notifications.kind.reply", vars);
    case "action_assigned":
      return t("notifications.kind.actionAssigned", vars);
    case "member_added":
      return t("notifications.kind.memberAdded", vars);
    case "approval_requested":
      return t("notifications.kind.approvalRequested", vars);
    case "approval_decided":
      return t("notifications.kind.approvalDecided", vars);
    case "review_scheduled":
      return t("notifications.kind.reviewScheduled", vars);
    case "right_broken":
      return t("notifications.kind.rightBroken", vars);
  }
}

/** The second line: the comment excerpt, or for a team change the place on the team (departments: names by key). */
export function notificationExcerpt(t: Translate, n: NotificationPayload, departments: Record<string, string>): string {
  if (n.kind === "member_added") return memberPlace(t, n.excerpt, departments);
  if (n.kind === "approval_decided") return approvalDecisionText(t, n.excerpt, departments);
  return n.excerpt;
}
