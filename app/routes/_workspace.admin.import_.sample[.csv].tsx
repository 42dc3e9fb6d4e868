import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/features/auth/guards.server";
import { SAMPLE_CSV } from "~/features/imports/account-import";

/** A sample account CSV for the import page: the columns in order, three rows that import cleanly. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return new Response(`\uFEFF${SAMPLE_CSV}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="keyroom-accounts-sample.csv"',
    },
  });
}
