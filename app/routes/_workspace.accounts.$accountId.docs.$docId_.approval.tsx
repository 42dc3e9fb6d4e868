import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ApprovalPage } from "~/features/approvals/approval-page";
import { loadApprovalPage } from "~/features/approvals/approval-page.server";
import { translate } from "~/i18n/i18n.server";
import { decideApproval, requestApproval } from "~/features/approvals/approval-commands.server";
import { getDocumentMeta } from "~/features/documents/document.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { ApprovalIntentSchema } from "~/features/approvals/approval.schema";
import versionStyles from "~/features/documents/versions/versions.css";
import approvalStyles from "~/features/approvals/approval-blocks.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: versionStyles },
  { rel: "stylesheet", href: approvalStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.title} · Approval · Keyroom` : "Keyroom" },
];

async function documentFor(context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  return { ...doc, accountId: doc.account.id };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await documentFor(context, params);
  return json({
    doc,
    ...(await loadApprovalPage(context, user, doc, access.canEdit)),
    // The request form's id, new with every load: a double click or a resubmit opens one round.
    clientId: crypto.randomUUID(),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await documentFor(context, params);
  const locale = await requestLocale(request, user.locale);
  const parsed = ApprovalIntentSchema.safeParse(await formFields(request, { lists: ["departments"] }));
  if (!parsed.success) {
    return json({ ok: false as const, error: translate(locale, "approval.error.invalid") }, { status: 400 });
  }
  try {
    if (parsed.data.intent === "request-approval") {
      invariantResponse(access.canEdit, "Only the team can send a document for approval", 403);
      await requestApproval(context, user, doc, parsed.data);
    } else {
      await decideApproval(context, user, doc, parsed.data);
    }
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    return json({ ok: false as const, error: error.messageIn(locale) }, { status: error.status });
  }
  return json({ ok: true as const, error: null });
}

export default function DocumentApproval() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return <ApprovalPage data={data} reply={reply} />;
}
