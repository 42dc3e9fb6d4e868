import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TeamPage } from "~/features/team/team-page";
import { translate, type Locale } from "~/i18n/i18n";
import { getTeam, listAddableUsers } from "~/features/team/team.server";
import { handleTeamIntent } from "~/features/team/team-page.server";
import { TeamIntentSchema, type TeamActionReply } from "~/features/team/team.schema";
import teamStyles from "~/features/team/team.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: teamStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return [{ title: data ? `${translate(locale ?? "en", "team.title")} · ${data.account.name} · Keyroom` : "Keyroom" }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const team = await getTeam(context.db, accountId);
  invariantResponse(team, "Account not found", 404);
  // The workspace directory is shown only to those who may add from it.
  const addable = access.canManageTeam ? await listAddableUsers(context.db, accountId) : [];
  return json({ ...team, addable, canManage: access.canManageTeam, myId: user.id });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  invariantResponse(access.canManageTeam, "Forbidden", 403);
  const parsed = TeamIntentSchema.safeParse(await formFields(request));
  if (!parsed.success) {
    const issues = parsed.error.flatten().fieldErrors;
    return json<TeamActionReply>(
      { ok: false, error: { code: "invalid", message: "Invalid team change", issues } },
      400,
    );
  }
  return handleTeamIntent(context, user, accountId, parsed.data);
}

export default function AccountTeam() {
  return <TeamPage data={useLoaderData<typeof loader>()} />;
}
