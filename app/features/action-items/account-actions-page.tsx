import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useRevalidateOn, usePresenceRoom } from "~/hub/hub-context";
import { useLocale, useT, type Locale, type Translate } from "~/i18n/i18n";
import { ActionItemFields, type AssigneeOption } from "./action-item-fields";
import { ActionPager } from "./action-pager";
import { actionElementId, ActionItemRow } from "./action-item-row";
import { ACTION_FILTERS, type ActionFilter, type ActionItemView } from "./action-item.schema";
import { departmentName, type DepartmentOption } from "./format";

/** What the account's action items page's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface AccountActionsData {
  account: { id: string; name: string };
  departments: DepartmentOption[];
  assignees: AssigneeOption[];
  items: ActionItemView[];
  /** The next page's cursor, null on the last page. */
  next: string | null;
  /** How many items match the filters, on every page. */
  total: number;
  /** Whether this is a later page than the first. */
  paged: boolean;
  canEdit: boolean;
  filter: ActionFilter;
  department: string | null;
  /** The item a link points at (`?focus=`). */
  focus: string | null;
  /** Where a new item comes from, when the page is opened from a document's comment. */
  source: { documentId?: string | null; threadId?: string | null; quote?: string | null };
  /** The new-item form's id, new with every load. */
  clientId: string;
}

/** What the page's action answers to its own form (fetchers read their own replies). */
export type ActionItemReply = { ok: false; errors: Record<string, string[]> } | { ok: true } | undefined;

export function AccountActionsPage({ data, reply }: { data: AccountActionsData; reply: ActionItemReply }) {
  const { account, items, canEdit, filter, department, focus } = data;
  const t = useT();
  const locale = useLocale();
  usePresenceRoom("account", account.id);
  useRevalidateOn("action:changed", (change) => change.accountId === account.id);
  useFocusItem(focus);

  const groups = department
    ? [{ key: department, label: "", color: "", items }]
    : groupByDepartment(items, data.departments, locale, t);
  const editOptions = { departments: data.departments, assignees: data.assignees };
  return (
    <>
      <div className="page-title">
        <p className="breadcrumb">
          <Link to="/accounts">{t("nav.portfolio")}</Link> / <Link to={`/accounts/${account.id}`}>{account.name}</Link>
        </p>
        <h1>{t("actions.account.title")}</h1>
        <p className="muted">{t("actions.account.subtitle", { account: account.name })}</p>
      </div>
      <ActionFilters data={data} />
      <div className="account-grid">
        <section className="card" aria-labelledby="actions-heading">
          <h2 id="actions-heading" className="visually-hidden">
            {t("actions.account.title")}
          </h2>
          {items.length === 0 ? (
            <p className="muted">
              {t(filter === "open" && !department ? "actions.empty.open" : "actions.empty.filtered")}
            </p>
          ) : (
            groups.map((group) => (
              <div key={group.key} className="action-group">
                {group.label ? (
                  <h3 className="action-group__title" style={{ borderColor: group.color }}>
                    {group.label} <span className="muted">({group.items.length})</span>
                  </h3>
                ) : null}
                <ul className="action-list">
                  {group.items.map((item) => (
                    <ActionItemRow
                      key={item.id}
                      item={item}
                      canEdit={canEdit}
                      focused={item.id === focus}
                      editOptions={editOptions}
                    />
                  ))}
                </ul>
              </div>
            ))
          )}
          <ActionPager next={data.next} paged={data.paged} />
        </section>
        {canEdit ? (
          <NewActionItemForm data={data} reply={reply} />
        ) : (
          <p className="muted small">{t("actions.readOnly")}</p>
        )}
      </div>
    </>
  );
}

/** A link to one item (`?focus=`) scrolls to it and gives it focus. */
function useFocusItem(focus: string | null) {
  useEffect(() => {
    if (!focus) return;
    const element = document.getElementById(actionElementId(focus));
    element?.scrollIntoView({ block: "center" });
    element?.focus({ preventScroll: true });
  }, [focus]);
}

function ActionFilters({ data }: { data: AccountActionsData }) {
  const { departments, department, filter, items, total } = data;
  const t = useT();
  const locale = useLocale();
  return (
    <Form method="get" className="toolbar-row action-filters" aria-label={t("actions.filter.label")}>
      <label className="field field--inline">
        <span>{t("actions.field.department")}</span>
        <select name="department" defaultValue={department ?? ""}>
          <option value="">{t("actions.filter.allDepartments")}</option>
          {departments.map((d) => (
            <option key={d.key} value={d.key}>
              {departmentName(d, locale)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>{t("actions.filter.status")}</span>
        <select name="status" defaultValue={filter}>
          {ACTION_FILTERS.map((option) => (
            <option key={option} value={option}>
              {t(`actions.filter.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        {t("actions.filter.apply")}
      </button>
      <span className="muted small action-filters__count">
        {total > items.length
          ? t("actions.countOfTotal", { shown: items.length, total })
          : t("actions.count", { count: total })}
      </span>
    </Form>
  );
}

function NewActionItemForm({ data, reply }: { data: AccountActionsData; reply: ActionItemReply }) {
  const { departments, assignees, source, clientId } = data;
  const t = useT();
  const location = useLocation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "create";
  const query = new URLSearchParams(location.search);
  query.delete("focus");
  const back = query.size > 0 ? `${location.pathname}?${query}` : location.pathname;
  return (
    // A new location (after the redirect) gives an empty form; a refused one keeps what was typed.
    <section className="card" aria-labelledby="new-action-heading" key={location.key}>
      <Form method="post" className="action-form">
        <h2 id="new-action-heading">{t("actions.new.title")}</h2>
        <input type="hidden" name="intent" value="create" />
        <input type="hidden" name="redirectTo" value={back} />
        <input type="hidden" name="clientId" value={clientId} />
        {source.documentId ? <input type="hidden" name="documentId" value={source.documentId} /> : null}
        {source.threadId ? <input type="hidden" name="threadId" value={source.threadId} /> : null}
        {source.quote ? (
          <>
            <input type="hidden" name="quote" value={source.quote} />
            <p className="small">
              {t("actions.new.fromQuote")} <q className="action-item__quote">{source.quote}</q>
            </p>
          </>
        ) : null}
        <ActionItemFields
          idPrefix="new-action"
          departments={departments}
          assignees={assignees}
          errors={reply?.ok === false ? reply.errors : undefined}
        />
        {reply?.ok === false && (reply.errors.documentId || reply.errors.threadId) ? (
          <p className="form-error" role="alert">
            {[...(reply.errors.documentId ?? []), ...(reply.errors.threadId ?? [])].join(" ")}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("actions.new.submit")}
        </button>
      </Form>
    </section>
  );
}

/** Items under their department's heading, in the departments' order; items without one last. */
function groupByDepartment(items: ActionItemView[], departments: DepartmentOption[], locale: Locale, t: Translate) {
  return [...departments, null]
    .map((department) => ({
      key: department?.key ?? "",
      label: department ? departmentName(department, locale) : t("actions.noDepartment"),
      color: department?.color ?? "var(--border)",
      items: items.filter((item) => (item.department?.key ?? "") === (department?.key ?? "")),
    }))
    .filter((group) => group.items.length > 0);
}
