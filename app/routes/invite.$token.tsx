import "~/common-chunk";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { SetPasswordPage } from "~/features/admin/set-password-page";
import { acceptInvitationAction, loadLinkPage } from "~/features/admin/set-password.server";

export { headers, links, meta } from "~/features/admin/link-page-route";

export function loader({ context, params }: LoaderFunctionArgs) {
  return loadLinkPage(context, "invite", params.token ?? "");
}

export function action({ request, context, params }: ActionFunctionArgs) {
  return acceptInvitationAction(request, context, params.token ?? "");
}

export default function AcceptInvitation() {
  return <SetPasswordPage kind="invite" />;
}
