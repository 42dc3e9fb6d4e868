import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { createApiToken, listApiTokens, revokeApiToken } from "~/features/api-tokens/api-token.server";
import { TokenIntentSchema } from "~/features/api-tokens/api-token.schema";
import { TokensPage } from "~/features/api-tokens/tokens-page";
import tokenStyles from "~/features/api-tokens/tokens.css";
import { noteAudit } from "~/features/audit/audit-scope.server";
import { requireUser } from "~/features/auth/session.server";
import { isLocale, translate } from "~/i18n/i18n";
import { formFields } from "~/utils/form.server";
import { localizeFieldErrors } from "~/utils/form-errors.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tokenStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "api.tokens.title")} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({
    locale: isLocale(user.locale) ? user.locale : "en",
    tokens: await listApiTokens(context.db, user.id),
  });
}

/** Makes or revokes one of the signed-in person's own tokens; a new token's value is in this answer only. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = TokenIntentSchema.safeParse(await formFields(request));
  if (!parsed.success) {
    const locale = isLocale(user.locale) ? user.locale : "en";
    const errors = localizeFieldErrors(
      locale,
      parsed.error.flatten().fieldErrors,
      "api.tokens.error.",
      "api.tokens.error.invalid",
    );
    return json({ ok: false as const, token: null, errors }, { status: 400 });
  }
  if (parsed.data.intent === "revoke") {
    const revoked = await revokeApiToken(context.db, context.live, user.id, parsed.data.tokenId);
    noteAudit({ objectType: "apiToken", objectId: parsed.data.tokenId });
    return json({ ok: revoked, token: null, errors: {} as Record<string, string> }, { status: revoked ? 200 : 404 });
  }
  const { name, scope, expiresInDays } = parsed.data;
  const made = await createApiToken(context.db, user.id, {
    name,
    scope,
    expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * DAY_MS) : null,
  });
  noteAudit({ objectType: "apiToken", objectId: made.id, detail: { name, scope } });
  return json({
    ok: true as const,
    token: { id: made.id, value: made.token, name },
    errors: {} as Record<string, string>,
  });
}

export default function ApiTokens() {
  return <TokensPage {...useLoaderData<typeof loader>()} reply={useActionData<typeof action>() ?? null} />;
}
