import "~/common-chunk";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { SetPasswordPage } from "~/features/admin/set-password-page";
import { loadLinkPage, resetPasswordAction } from "~/features/admin/set-password.server";

export { headers, links, meta } from "~/features/admin/link-page-route";

export function loader({ context, params }: LoaderFunctionArgs) {
  return loadLinkPage(context, "reset", params.token ?? "");
}

export function action({ request, context, params }: ActionFunctionArgs) {
  return resetPasswordAction(request, context, params.token ?? "");
}

export default function ResetPassword() {
  return <SetPasswordPage kind="reset" />;
}
