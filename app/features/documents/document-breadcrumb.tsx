import { Link } from "@remix-run/react";

/** Account / document: the way back from a document's versions or approval page. */
export function DocumentBreadcrumb({
  doc,
}: {
  doc: { id: string; title: string; account: { id: string; name: string } };
}) {
  return (
    <p className="breadcrumb">
      <Link to={`/accounts/${doc.account.id}`}>{doc.account.name}</Link>
      <span aria-hidden="true"> / </span>
      <Link to={`/accounts/${doc.account.id}/docs/${doc.id}`}>{doc.title}</Link>
    </p>
  );
}
