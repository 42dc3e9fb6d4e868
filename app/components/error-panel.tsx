import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

/** The page shown for 403, 404 and unexpected errors, in the user's language. */
export function ErrorPanel({ status }: { status: number }) {
  const t = useT();
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : "generic";
  return (
    <main className="error-panel" role="alert">
      <p className="error-panel__status">{status}</p>
      <h1>{t(`error.${kind}.title`)}</h1>
      <p>{t(`error.${kind}.body`)}</p>
      <Link to="/accounts" className="button">
        {t("error.backHome")}
      </Link>
    </main>
  );
}
