import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import adminPagesStyles from "~/features/admin/admin-pages.css";
import { SetPasswordPage } from "~/features/admin/set-password-page";
import { acceptInvitationAction, loadLinkPage } from "~/features/admin/set-password.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminPagesStyles }];

export const meta: MetaFunction = () => [{ title: "Keyroom" }, { name: "robots", content: "noindex, nofollow" }];

// The token is in the address: no page this one links to learns it.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export function loader({ context, params }: LoaderFunctionArgs) {
  return loadLinkPage(context, "invite", params.token ?? "");
}

export function action({ request, context, params }: ActionFunctionArgs) {
  return acceptInvitationAction(request, context, params.token ?? "");
}

export default function AcceptInvitation() {
  return <SetPasswordPage kind="invite" />;
}
