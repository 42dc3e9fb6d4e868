import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/i18n";
import type { ActionItemView } from "~/features/action-items/action-item.schema";
import { ActionItemEditor } from "./action-item-editor";
import type { AssigneeOption } from "./action-item-fields";
import { departmentName, formatDueDate, type DepartmentOption } from "./format";
import { StatusSelect } from "./status-select";

interface Props {
  item: ActionItemView;
  canEdit: boolean;
  /** "My action items" names the account; the account's own list does not. */
  showAccount?: boolean;
  focused?: boolean;
  /** Offers an edit form for title, department, assignee and due date. */
  editOptions?: { departments: DepartmentOption[]; assignees: AssigneeOption[] };
}

export function actionElementId(actionId: string): string {
  return `action-${actionId}`;
}

/** One action item: what, whose, when, and its status (a select for editors, a badge for readers). */
export function ActionItemRow({ item, canEdit, showAccount = false, focused = false, editOptions }: Props) {
  const t = useT();
  const locale = useLocale();
  const actionsUrl = `/accounts/${item.accountId}/actions`;
  const classes = ["action-item", `action-item--${item.status}`, focused ? "action-item--focus" : ""];
  return (
    <li id={actionElementId(item.id)} className={classes.join(" ")} tabIndex={focused ? -1 : undefined}>
      <div className="action-item__main">
        {showAccount ? (
          <Link to={`${actionsUrl}?focus=${item.id}`} className="action-item__account small">
            {item.accountName}
          </Link>
        ) : null}
        <span className="action-item__title">{item.title}</span>
        <span className="action-item__meta small">
          {item.department ? (
            <span className="action-dept" style={{ borderColor: item.department.color }}>
              {departmentName(item.department, locale)}
            </span>
          ) : null}
          {showAccount ? null : (
            <span className={item.assignee ? "" : "muted"}>{item.assignee?.name ?? t("actions.unassigned")}</span>
          )}
          {item.documentId ? (
            <Link to={`/accounts/${item.accountId}/docs/${item.documentId}`} className="muted">
              {t("actions.fromDocument", { document: item.documentTitle ?? "" })}
            </Link>
          ) : null}
        </span>
        {item.quote ? <q className="action-item__quote small">{item.quote}</q> : null}
      </div>
      <div className="action-item__due small">
        {item.dueDate ? (
          <time dateTime={item.dueDate} className={item.overdue ? "due--overdue" : undefined}>
            {formatDueDate(item.dueDate, locale)}
            {item.overdue ? <span className="overdue-label">{t("actions.overdue")}</span> : null}
          </time>
        ) : (
          <span className="muted">{t("actions.noDueDate")}</span>
        )}
      </div>
      <div className="action-item__status">
        {canEdit ? (
          <StatusSelect actionId={item.id} status={item.status} title={item.title} action={actionsUrl} />
        ) : (
          <span className={`badge status--${item.status}`}>{t(`actions.status.${item.status}`)}</span>
        )}
      </div>
      {canEdit && editOptions ? <ActionItemEditor item={item} action={actionsUrl} {...editOptions} /> : null}
    </li>
  );
}
