import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { getDocumentMeta } from "~/features/documents/document.server";
import { SharePage } from "~/features/sharing/share-page";
import { createShareLink, listShareLinks, revokeShareLink } from "~/features/sharing/share-links.server";
import { SHAREABLE_KINDS, ShareIntentSchema } from "~/features/sharing/share.schema";
import sharingStyles from "~/features/sharing/sharing.css";
import { translate } from "~/i18n/i18n";
import { formFields } from "~/utils/form.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: sharingStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.title} · ${translate(data.locale, "share.title")} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "");
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  return json({
    doc,
    locale: user.locale === "zh-CN" ? ("zh-CN" as const) : ("en" as const),
    shareable: SHAREABLE_KINDS.includes(doc.kind),
    canManage: access.role === "lead",
    ...(await listShareLinks(context.db, doc.id)),
  });
}

/** Only the team's lead makes and revokes links; the token comes back once, in this answer. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, access } = await requireAccountAccess(request, context, params.accountId ?? "", "edit");
  invariantResponse(access.role === "lead", "Forbidden", 403);
  const doc = await getDocumentMeta(context.db, params.docId ?? "");
  invariantResponse(doc && doc.accountId === params.accountId, "Document not found", 404);
  const parsed = ShareIntentSchema.safeParse(await formFields(request));
  if (!parsed.success) return json({ ok: false as const, error: "invalid" as const, url: null }, { status: 400 });
  if (parsed.data.intent === "revoke") {
    const revoked = await revokeShareLink(context.db, doc.id, parsed.data.linkId);
    return json({ ok: revoked, error: revoked ? null : ("gone" as const), url: null }, { status: revoked ? 200 : 404 });
  }
  const { expiresInDays } = parsed.data;
  const made = await createShareLink(context.db, {
    documentId: doc.id,
    userId: user.id,
    expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * DAY_MS) : null,
  });
  if ("refused" in made) return json({ ok: false as const, error: made.refused, url: null }, { status: 409 });
  const origin = context.publicUrl ?? new URL(request.url).origin;
  return json({ ok: true as const, error: null, url: `${origin}/s/${made.token}` });
}

export default function ShareDocument() {
  return <SharePage {...useLoaderData<typeof loader>()} reply={useActionData<typeof action>() ?? null} />;
}
