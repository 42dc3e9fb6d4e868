import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { VersionsPage } from "~/features/documents/versions/versions-page";
import { loadVersionsPage } from "~/features/documents/versions/versions-page.server";
import { getDocumentMeta } from "~/features/documents/document.server";
import { restoreVersion, saveVersion } from "~/features/documents/version.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { requestLocale } from "~/features/auth/locale.server";
import { VersionIntentSchema, VersionQuerySchema } from "~/features/documents/version.schema";
import versionStyles from "~/features/documents/versions/versions.css";
import blockChangeStyles from "~/features/approvals/approval-blocks.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: versionStyles },
  { rel: "stylesheet", href: blockChangeStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.title} · Versions · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  const search = new URL(request.url).searchParams;
  const query = VersionQuerySchema.parse(Object.fromEntries(search));
  const page = await loadVersionsPage(context, doc.id, query, search.get("older")).catch(async (error: unknown) => {
    if (!(error instanceof WorkflowError)) throw error;
    throw new Response(error.messageIn(await requestLocale(request, user.locale)), { status: error.status });
  });
  // The save form's id, new with every load: a double click or a resubmit saves one version.
  return json({ doc, canEdit: access.canEdit, ...page, clientId: crypto.randomUUID() });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireAccountAccess(request, context, params.accountId ?? "", "edit");
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  const parsed = VersionIntentSchema.safeParse(await formFields(request));
  if (!parsed.success) return json({ ok: false as const, error: "invalid" }, { status: 400 });
  try {
    if (parsed.data.intent === "save-version") {
      await saveVersion(context, user.id, doc, parsed.data.name, "manual", parsed.data.clientId);
    } else {
      await restoreVersion(context, user.id, doc, parsed.data.versionId);
    }
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    const locale = await requestLocale(request, user.locale);
    return json({ ok: false as const, error: error.messageIn(locale) }, { status: error.status });
  }
  return json({ ok: true as const, error: null });
}

export default function DocumentVersions() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return <VersionsPage data={data} reply={reply} />;
}
