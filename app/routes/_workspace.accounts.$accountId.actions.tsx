import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AccountActionsPage } from "~/features/action-items/account-actions-page";
import {
  loadAccountActions,
  localizeActionErrors,
  saveActionItemIntent,
} from "~/features/action-items/account-actions.server";
import { ActionItemIntentSchema } from "~/features/action-items/action-item.schema";
import actionsStyles from "~/features/action-items/action-items.css";
import { formFields } from "~/utils/form.server";
import { requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: actionsStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Action items · ${data.account.name} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { access } = await requireAccountAccess(request, context, accountId);
  const page = await loadAccountActions(context.db, accountId, new URL(request.url), access.canEdit);
  // The new-item form's id, new with every load: a resubmit of the same form stores one item.
  return json({ ...page, clientId: crypto.randomUUID() });
}

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
    const errors = localizeActionErrors(locale, parsed.error.flatten().fieldErrors);
    return json({ ok: false as const, errors }, { status: 400 });
  }
  return saveActionItemIntent(context, user, accountId, locale, parsed.data, fields.redirectTo);
}

export default function AccountActions() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return <AccountActionsPage data={data} reply={reply} />;
}
