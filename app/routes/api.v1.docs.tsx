import "~/common-chunk";
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ApiReferencePage } from "~/features/api/api-reference-page";
import styles from "~/features/api/api-reference.css";
import { referenceOperations } from "~/features/api/openapi.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "API reference · Keyroom" }];

/** The interactive reference of /api/v1, public like openapi.json (it holds no data). */
export function loader() {
  return json({ operations: referenceOperations() });
}

export default function ApiReference() {
  const { operations } = useLoaderData<typeof loader>();
  return <ApiReferencePage operations={operations} />;
}
