import "~/common-chunk";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AccountPage } from "~/features/accounts/account-page";
import { handleAccountIntent, loadAccountPage } from "~/features/accounts/account-page.server";
import { requireAccountAccess } from "~/features/auth/guards.server";
import { formFields } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.name} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { access } = await requireAccountAccess(request, context, accountId);
  return json(await loadAccountPage(context, access, accountId));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  return handleAccountIntent(request, context, { user, access, accountId }, await formFields(request));
}

export default function AccountRoute() {
  return <AccountPage data={useLoaderData<typeof loader>()} reply={useActionData<typeof action>()} />;
}
