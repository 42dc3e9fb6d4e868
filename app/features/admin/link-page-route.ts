import type { HeadersFunction, LinksFunction, MetaFunction } from "@remix-run/node";
import adminPagesStyles from "./admin-pages.css";

// What the invitation and password-reset pages share: both are reached by a one-time link.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminPagesStyles }];

export const meta: MetaFunction = () => [{ title: "Keyroom" }, { name: "robots", content: "noindex, nofollow" }];

// The token is in the address: no page this one links to learns it.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });
