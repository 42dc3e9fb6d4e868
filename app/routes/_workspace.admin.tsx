import "~/common-chunk";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { AdminLayout } from "~/features/admin/admin-layout";
import adminStyles from "~/features/admin/admin.css";
import { requireAdmin } from "~/features/auth/guards.server";
import { isLocale, translate } from "~/i18n/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "admin.title")} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireAdmin(request, context);
  return json({ locale: isLocale(user.locale) ? user.locale : "en" });
}

export default AdminLayout;
