import { useLocale, useT } from "~/i18n/i18n";
import { FieldError, fieldErrorProps } from "~/components/field-error";
import type { ActionItemView } from "~/features/action-items/action-item.schema";
import { departmentName, type DepartmentOption } from "./format";

export interface AssigneeOption {
  id: string;
  name: string;
  departmentKey: string;
}

interface Props {
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  departments: DepartmentOption[];
  assignees: AssigneeOption[];
  /** The item being edited; none for a new one. */
  item?: ActionItemView;
  errors?: Record<string, string[] | undefined>;
}

/** Title, department, assignee and due date: the fields shared by the new-item and edit forms. */
export function ActionItemFields({ idPrefix, departments, assignees, item, errors = {} }: Props) {
  const t = useT();
  const locale = useLocale();
  const field = (name: string) => ({
    id: `${idPrefix}-${name}`,
    name,
    ...fieldErrorProps(`${idPrefix}-${name}`, errors[name]),
  });
  const problem = (name: string) => <FieldError fieldId={`${idPrefix}-${name}`} error={errors[name]} />;
  return (
    <>
      <label className="field action-form__title" htmlFor={`${idPrefix}-title`}>
        <span>{t("actions.field.title")}</span>
        <input
          {...field("title")}
          required
          maxLength={200}
          defaultValue={item?.title}
          placeholder={t("actions.field.titlePlaceholder")}
        />
        {problem("title")}
      </label>
      <label className="field" htmlFor={`${idPrefix}-department`}>
        <span>{t("actions.field.department")}</span>
        <select {...field("department")} defaultValue={item?.department?.key ?? ""}>
          <option value="">{t("actions.field.none")}</option>
          {departments.map((department) => (
            <option key={department.key} value={department.key}>
              {departmentName(department, locale)}
            </option>
          ))}
        </select>
        {problem("department")}
      </label>
      <label className="field" htmlFor={`${idPrefix}-assigneeId`}>
        <span>{t("actions.field.assignee")}</span>
        <select {...field("assigneeId")} defaultValue={item?.assignee?.id ?? ""}>
          <option value="">{t("actions.unassigned")}</option>
          {assignees.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
        {problem("assigneeId")}
      </label>
      <label className="field" htmlFor={`${idPrefix}-dueDate`}>
        <span>{t("actions.field.dueDate")}</span>
        <input {...field("dueDate")} type="date" defaultValue={item?.dueDate ?? ""} />
        {problem("dueDate")}
      </label>
    </>
  );
}
