import type { Translate } from "~/i18n/i18n";
import { memberPlace } from "~/components/team/member-place";
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
  }
}

/** The second line: the comment excerpt, or for a team change the place on the team. */
export function notificationExcerpt(t: Translate, n: NotificationPayload): string {
  return n.kind === "member_added" ? memberPlace(t, n.excerpt) : n.excerpt;
}
