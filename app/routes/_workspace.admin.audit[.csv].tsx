import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, auditFilterFrom } from "~/features/audit/audit-query.server";
import { requireAdmin } from "~/features/auth/guards.server";

/** The filtered audit log as a CSV download (the page's filters, in its query string). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const filter = auditFilterFrom(new URL(request.url).searchParams);
  const { cursor: _cursor, ...whole } = filter;
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(await auditCsv(context.db, whole), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="keyroom-audit-${stamp}.csv"`,
    },
  });
}
