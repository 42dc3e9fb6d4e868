import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/features/auth/guards.server";
import { webhookAction } from "~/features/webhooks/webhook-actions.server";
import { WebhooksPage } from "~/features/webhooks/webhooks-page";
import webhookStyles from "~/features/webhooks/webhooks.css";
import { listWebhooks } from "~/features/webhooks/webhooks.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: webhookStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return json({ webhooks: await listWebhooks(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAdmin(request, context);
  return webhookAction(request, context, user);
}

export default function AdminWebhooks() {
  const { webhooks } = useLoaderData<typeof loader>();
  return <WebhooksPage webhooks={webhooks} reply={useActionData<typeof action>() ?? null} />;
}
