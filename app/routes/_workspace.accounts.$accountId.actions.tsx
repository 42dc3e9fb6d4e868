import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { ActionItemFields } from "~/features/action-items/action-item-fields";
import { actionElementId, ActionItemRow } from "~/features/action-items/action-item-row";
import { departmentName, type DepartmentOption } from "~/features/action-items/format";
import { useRevalidateOn, usePresenceRoom } from "~/hub/hub-context";
import { translate, useLocale, useT, type Locale, type MessageKey, type Translate } from "~/i18n/i18n";
import { createActionItem, updateActionItem, type ActionFieldErrors } from "~/features/action-items/action-item.server";
import { actionBoardContext, listAccountActionItems } from "~/features/action-items/action-item-views.server";
import {
  ACTION_FILTERS,
  ActionItemIntentSchema,
  ActionListQuerySchema,
  CreateActionItemSchema,
  type ActionItemView,
} from "~/features/action-items/action-item.schema";
import { safeRedirect } from "~/features/auth/auth.schema";
import actionsStyles from "~/features/action-items/action-items.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: actionsStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Action items · ${data.account.name} · Keyroom` : "Keyroom" },
];

/** Where an item came from, when the page is opened from a document's comment ("turn into action item"). */
const SourceQuerySchema = CreateActionItemSchema.pick({ documentId: true, threadId: true, quote: true }).catch({});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { access } = await requireAccountAccess(request, context, accountId);
  const { account, departments, assignees } = await actionBoardContext(context.db, accountId);
  invariantResponse(account, "Account not found", 404);
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const query = ActionListQuerySchema.parse(search);
  // A linked item (a notification's ?focus=) must be on the page even when it is already done.
  const filter = query.status ?? (query.focus ? "all" : "open");
  const items = await listAccountActionItems(context.db, accountId, { department: query.department, filter });
  return json({
    account,
    departments,
    assignees,
    items,
    canEdit: access.canEdit,
    filter,
    department: query.department ?? null,
    focus: query.focus ?? null,
    source: SourceQuerySchema.parse(search),
    // The new-item form's id, new with every load: a resubmit of the same form stores one item.
    clientId: crypto.randomUUID(),
  });
}

type Errors = Record<string, string[]>;

/**
 * `intent=create` or `intent=update`. Fetchers get JSON (`{ ok: true, action }`
 * or 400 `{ ok: false, errors }`, field → messages in the user's language);
 * a form that sends `redirectTo` is sent back there, with the item in focus.
 * A create resent with the same `clientId` answers with the item it created.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user } = await requireAccountAccess(request, context, accountId, "edit");
  const locale = await requestLocale(request, user.locale);
  const fields = await formFields(request);
  const parsed = ActionItemIntentSchema.safeParse(fields);
  if (!parsed.success) {
    return json({ ok: false as const, errors: localize(locale, parsed.error.flatten().fieldErrors) }, { status: 400 });
  }
  const input = parsed.data;
  const outcome =
    input.intent === "create"
      ? await createActionItem(context, user, accountId, input)
      : await updateActionItem(context, user, accountId, input.actionId, input);
  if (!outcome.ok) {
    invariantResponse(outcome.status !== 403, "Forbidden", 403);
    return json({ ok: false as const, errors: localize(locale, outcome.errors) }, { status: outcome.status });
  }
  if (typeof fields.redirectTo === "string") {
    const back = new URL(safeRedirect(fields.redirectTo, `/accounts/${accountId}/actions`), "http://keyroom");
    back.searchParams.set("focus", outcome.action.id);
    return redirect(back.pathname + back.search);
  }
  return json({ ok: true as const, action: outcome.action });
}

function localize(locale: Locale, errors: ActionFieldErrors | Record<string, string[] | undefined>): Errors {
  const out: Errors = {};
  for (const [field, keys] of Object.entries(errors)) {
    if (!keys?.length) continue;
    // One message per problem: a value can fail two checks that explain it the same way.
    const messages = keys.map((key) =>
      translate(locale, (key.startsWith("actions.error.") ? key : "actions.error.invalid") as MessageKey),
    );
    out[field] = [...new Set(messages)];
  }
  return out;
}

export default function AccountActions() {
  const data = useLoaderData<typeof loader>();
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
      <ActionFilters />
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
        </section>
        {canEdit ? <NewActionItemForm /> : <p className="muted small">{t("actions.readOnly")}</p>}
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

function ActionFilters() {
  const { departments, department, filter, items } = useLoaderData<typeof loader>();
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
      <span className="muted small action-filters__count">{t("actions.count", { count: items.length })}</span>
    </Form>
  );
}

function NewActionItemForm() {
  const { departments, assignees, source, clientId } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
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
          errors={actionData?.ok === false ? actionData.errors : undefined}
        />
        {actionData?.ok === false && (actionData.errors.documentId || actionData.errors.threadId) ? (
          <p className="form-error" role="alert">
            {[...(actionData.errors.documentId ?? []), ...(actionData.errors.threadId ?? [])].join(" ")}
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
