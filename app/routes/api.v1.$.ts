import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { dispatchApi } from "~/features/api/dispatch.server";

/** GET (and HEAD) under /api/v1: see app/features/api/operations.server.ts. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  return dispatchApi(request, context, params["*"] ?? "");
}

/** Every other method under /api/v1. */
export function action({ request, context, params }: ActionFunctionArgs) {
  return dispatchApi(request, context, params["*"] ?? "");
}
