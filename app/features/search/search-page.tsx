import { Form, Link, useNavigation } from "@remix-run/react";
import { formatWhen } from "~/components/format-when";
import { useLocale, useT } from "~/i18n/i18n";
import { SEARCH_KIND_LABEL, type SearchHit, type SearchKind, type SearchResults } from "./search-results";
import { MAX_QUERY } from "./search.schema";

/** The search page: the box, then what matched, grouped by kind, each with its context. */
export function SearchPage({ results, kind }: { results: SearchResults; kind: SearchKind | null }) {
  const t = useT();
  const searching = useNavigation().state === "loading";
  const { query, groups } = results;
  const total = groups.reduce((sum, group) => sum + group.hits.length, 0);
  return (
    <section className="card search-page" aria-busy={searching}>
      <h1>{t("search.title")}</h1>
      <Form method="get" role="search" className="search-page__form">
        <label htmlFor="search-q" className="visually-hidden">
          {t("search.label")}
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          defaultValue={query}
          maxLength={MAX_QUERY}
          placeholder={t("search.placeholder")}
          autoFocus={!query}
          autoComplete="off"
          enterKeyHint="search"
        />
        {kind ? <input type="hidden" name="kind" value={kind} /> : null}
        <button type="submit" className="button">
          {t("search.submit")}
        </button>
      </Form>
      {kind && query ? (
        <p>
          <Link to={`/search?${new URLSearchParams({ q: query })}`}>{t("search.allKinds")}</Link>
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="search-page__summary">
        {!query
          ? t("search.start")
          : total === 0
            ? t("search.none", { query })
            : t("search.summary", { query, count: total })}
      </div>
      {groups.map((group) => (
        <section key={group.kind} className="search-group" aria-labelledby={`search-${group.kind}`}>
          <h2 id={`search-${group.kind}`}>{t(SEARCH_KIND_LABEL[group.kind])}</h2>
          <ul className="search-group__hits">
            {group.hits.map((hit) => (
              <SearchHitItem key={hit.id} hit={hit} />
            ))}
          </ul>
          {group.more ? (
            <Link className="search-group__more" to={`/search?${new URLSearchParams({ q: query, kind: group.kind })}`}>
              {t("search.more", { kind: t(SEARCH_KIND_LABEL[group.kind]) })}
            </Link>
          ) : null}
        </section>
      ))}
    </section>
  );
}

function SearchHitItem({ hit }: { hit: SearchHit }) {
  const t = useT();
  const locale = useLocale();
  const { before, match, after } = hit.snippet;
  return (
    <li className="search-hit">
      <Link to={hit.href} className="search-hit__title">
        {hit.title}
      </Link>
      <span className="search-hit__meta">
        {hit.kind === "account" ? null : <span>{t("search.inAccount", { account: hit.accountName })}</span>}
        <time dateTime={hit.at}>{formatWhen(hit.at, locale)}</time>
      </span>
      {before || match || after ? (
        <p className="search-hit__snippet">
          {before}
          {match ? <mark>{match}</mark> : null}
          {after}
        </p>
      ) : null}
    </li>
  );
}
