import "~/common-chunk";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SharedDocumentPage } from "~/features/sharing/shared-document-page";
import { sharedDocumentPage } from "~/features/sharing/shared-document-page.server";
import sharingStyles from "~/features/sharing/sharing.css";
import versionStyles from "~/features/documents/versions/versions.css";

/** No script of ours on a page for outsiders (root.tsx leaves them out). */
export const handle = { scripts: false };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: versionStyles },
  { rel: "stylesheet", href: sharingStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Keyroom" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

export const headers: HeadersFunction = () => ({
  // Stricter than the workspace's: nothing runs, nothing is fetched but our styles.
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await sharedDocumentPage(context.db, request, params.token ?? ""));
}

export default function SharedDocument() {
  return <SharedDocumentPage {...useLoaderData<typeof loader>()} />;
}
