import type { MetaDescriptor } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { translate, useT, type Locale, type MessageKey } from "~/i18n/i18n";

/** "<page> · <account> · Keyroom", in the reader's language, for a page about one account. */
export function accountPageTitle(
  title: MessageKey,
  data: { account: { name: string } } | undefined,
  matches: readonly { id: string; data: unknown }[],
): MetaDescriptor[] {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return [{ title: data ? `${translate(locale ?? "en", title)} · ${data.account.name} · Keyroom` : "Keyroom" }];
}

/** Breadcrumb, the page's name and what it is about; `children` adds lines under the subtitle. */
export function AccountPageHeader(props: {
  account: { id: string; name: string };
  title: MessageKey;
  subtitle: MessageKey;
  children?: ReactNode;
}) {
  const { account } = props;
  const t = useT();
  return (
    <div className="page-title">
      <p className="breadcrumb">
        <Link to="/accounts">{t("nav.portfolio")}</Link> / <Link to={`/accounts/${account.id}`}>{account.name}</Link>
      </p>
      <h1>{t(props.title)}</h1>
      <p className="muted">{t(props.subtitle, { account: account.name })}</p>
      {props.children}
    </div>
  );
}
