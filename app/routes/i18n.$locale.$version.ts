import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/i18n";
import { catalogOf } from "~/i18n/i18n.server";

/**
 * One language's messages, for a page whose language changed after it loaded.
 * The version in the URL only tells the browser's copy apart from a newer one:
 * whatever it names, the current messages are served.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  if (!isLocale(params.locale)) throw new Response("Not found", { status: 404 });
  return json(catalogOf(params.locale));
}
