import "~/common-chunk";
// Every page's stylesheets, in this order, bundled into one file (cssBundleHref): one
// render-blocking request instead of four.
import "~/styles/app.css";
import "~/styles/hub.css";
import "~/features/search/palette.css";
import "~/components/shortcut-help.css";
import { cssBundleHref } from "@remix-run/css-bundle";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  json,
  type ClientLoaderFunctionArgs,
  useRouteError,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { ErrorPanel } from "~/components/error-panel";
import { setDisplayTimeZone } from "~/components/intl";
import { useNonce } from "~/components/nonce";
import { loadCatalog, PAGE_CATALOG_ID, pageCatalogJson, translate, useT, type Locale } from "~/i18n/i18n";
import { catalogOf } from "~/i18n/i18n.server";
import { requestLocale } from "~/features/auth/locale.server";
import { getUser } from "~/features/auth/session.server";

export const links: LinksFunction = () => [
  ...(cssBundleHref ? [{ rel: "stylesheet", href: cssBundleHref }] : []),
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const locale = await requestLocale(request, user?.locale);
  return json({
    locale,
    catalog: catalogOf(locale).url,
    // The workspace's time zone (ADR 023): the browser formats moments in it too.
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    user: user && {
      id: user.id,
      name: user.name,
      email: user.email,
      workspaceRole: user.workspaceRole,
      department: user.department,
    },
  });
}

/**
 * The page keeps its language's messages: they come inline with the first
 * page, and again only when the language (or the deployed messages) changed.
 */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadCatalog(data.locale, data.catalog);
  return data;
}

/**
 * The refusal or error page has a title too (axe: document-title): a screen reader
 * announces it first, and a tab shows it. Pages set their own otherwise.
 */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : "generic";
  return [{ title: `${translate(data?.locale ?? "en", `error.${kind}.title`)} · Keyroom` }];
};

/** This response's request id (entry.server gives it), for an error page to quote. */
export const RequestIdContext = createContext<string | undefined>(undefined);

// True until the first render in the browser is committed: only then is the
// server's error page (and the reference it shows) the one on screen.
let hydrating = typeof document !== "undefined";

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<{ locale: Locale; timeZone?: string }>("root");
  const locale = data?.locale ?? "en";
  setDisplayTimeZone(data?.timeZone);
  const catalog = useMemo(() => pageCatalogJson(locale), [locale]);
  const nonce = useNonce();
  // A page for outsiders (a share link) is plain HTML: no script of ours runs there.
  const scripted = !useMatches().some(
    (match) => (match.handle as { scripts?: boolean } | undefined)?.scripts === false,
  );
  useEffect(() => {
    hydrating = false;
    // The page answers clicks from here on: e2e waits for this mark, and the tour's
    // navigation timing reports it as the time until the page is interactive.
    document.documentElement.dataset.hydrated = "";
    performance.mark("keyroom:interactive");
  }, []);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <script
          id={PAGE_CATALOG_ID}
          type="application/json"
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: catalog }}
        />
        {children}
        {scripted ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const t = useT();
  const fromServer = useContext(RequestIdContext);
  // The browser keeps the reference the server rendered (so hydration matches); an error
  // met later in the browser has none to show.
  const [reference] = useState(
    () => fromServer ?? (hydrating ? document.getElementById("request-reference")?.dataset.id : undefined),
  );
  return (
    <>
      <ErrorPanel status={status} />
      {reference ? (
        <p id="request-reference" data-id={reference} className="muted small" style={{ textAlign: "center" }}>
          {t("error.reference", { id: reference })}
        </p>
      ) : null}
    </>
  );
}
