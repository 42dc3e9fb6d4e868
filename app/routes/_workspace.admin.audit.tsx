import "~/common-chunk";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuditPage } from "~/features/audit/audit-page";
import { auditChoices, auditFilterFrom, auditPage } from "~/features/audit/audit-query.server";
import { requireAdmin } from "~/features/auth/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const filter = auditFilterFrom(new URL(request.url).searchParams);
  const [page, choices] = await Promise.all([auditPage(context.db, filter), auditChoices(context.db)]);
  return json({ filter, ...page, ...choices });
}

export default function AuditLog() {
  return <AuditPage {...useLoaderData<typeof loader>()} />;
}
