import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireAdmin } from "~/features/auth/guards.server";
import { importAction } from "~/features/imports/import-actions.server";
import { ImportPage } from "~/features/imports/import-page";
import importStyles from "~/features/imports/imports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: importStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAdmin(request, context);
  return importAction(request, context.db);
}

export default function AdminImport() {
  return <ImportPage reply={useActionData<typeof action>() ?? null} />;
}
