import "~/common-chunk";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/features/auth/session.server";
import { SearchPage } from "~/features/search/search-page";
import { SearchParams } from "~/features/search/search.schema";
import searchStyles from "~/features/search/search.css";
import { isLocale, translate } from "~/i18n/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "search.title")} · Keyroom` : "Keyroom" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const { q, kind } = SearchParams.parse(Object.fromEntries(url.searchParams));
  const results = await context.search.search(user, q, kind ? { kinds: [kind], perKind: 30 } : {});
  return json({ results, kind: kind ?? null, locale: isLocale(user.locale) ? user.locale : "en" });
}

export default function Search() {
  const data = useLoaderData<typeof loader>();
  return <SearchPage results={data.results} kind={data.kind} />;
}
