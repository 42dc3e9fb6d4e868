import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/i18n/i18n";
import type { ActionItemView } from "~/features/action-items/action-item.schema";
import { ActionItemFields, type AssigneeOption } from "./action-item-fields";
import type { DepartmentOption } from "./format";

interface Props {
  item: ActionItemView;
  action: string;
  departments: DepartmentOption[];
  assignees: AssigneeOption[];
}

type Reply = { ok: true } | { ok: false; errors: Record<string, string[] | undefined> };

/** A disclosure under an item to change its title, department, assignee and due date. */
export function ActionItemEditor({ item, action, departments, assignees }: Props) {
  const t = useT();
  const fetcher = useFetcher<Reply>();
  const details = useRef<HTMLDetailsElement>(null);
  const saved = fetcher.state === "idle" && fetcher.data?.ok === true;
  useEffect(() => {
    if (saved && details.current) details.current.open = false;
  }, [saved]);
  return (
    <details className="action-item__edit" ref={details}>
      <summary className="small">{t("actions.edit")}</summary>
      <fetcher.Form method="post" action={action} className="action-form action-form--inline">
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="actionId" value={item.id} />
        <ActionItemFields
          idPrefix={`edit-${item.id}`}
          departments={departments}
          assignees={assignees}
          item={item}
          errors={fetcher.data?.ok === false ? fetcher.data.errors : undefined}
        />
        <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
          {t("actions.edit.save")}
        </button>
      </fetcher.Form>
    </details>
  );
}
