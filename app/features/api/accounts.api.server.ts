import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { createAccounts, type NewAccountError } from "~/features/accounts/create-account.server";
import { NewAccountSchema } from "~/features/accounts/new-account.schema";
import { changeStage } from "~/features/accounts/stage.server";
import { StageChangeSchema } from "~/features/accounts/stage.schema";
import { noteAudit } from "~/features/audit/audit-scope.server";
import { seesWholePortfolio } from "~/features/auth/permissions.server";
import { getTeam } from "~/features/team/team.server";
import { TEAM_ROLES } from "~/features/team/team.schema";
import { isCurrencyCode } from "~/shared/currency";
import { IdSchema } from "~/shared/id";
import { LADDER_STAGES, LIFECYCLE_STAGES, STAGE_FIELDS, TIERS } from "~/shared/domain";
import type { Db } from "~/utils/db.server";
import { ApiError } from "./api-error.server";
import { booleanFlag, isoDateTime, pageOf, PageQuerySchema } from "./api-schemas";
import { requireAccount } from "./access.server";
import { operation } from "./operation.server";
import { decodeCursor, encodeCursor, paginate } from "./pagination.server";

const tag = "Accounts";
export const AccountParams = z.object({ accountId: IdSchema });

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  industry: z.string(),
  tier: z.enum(TIERS),
  ladderStage: z.enum(LADDER_STAGES),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  currency: z.string().describe("ISO 4217 code the account's money figures are shown in"),
  archivedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

const accountSelect = {
  id: true,
  name: true,
  industry: true,
  tier: true,
  ladderStage: true,
  lifecycleStage: true,
  currency: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;
type AccountRow = Prisma.AccountGetPayload<{ select: typeof accountSelect }>;

function accountView(row: AccountRow): z.input<typeof AccountSchema> {
  return {
    ...row,
    tier: row.tier as z.infer<typeof AccountSchema>["tier"],
    ladderStage: row.ladderStage as z.infer<typeof AccountSchema>["ladderStage"],
    lifecycleStage: row.lifecycleStage as z.infer<typeof AccountSchema>["lifecycleStage"],
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function readAccount(db: Db, accountId: string) {
  return accountView(await db.account.findUniqueOrThrow({ where: { id: accountId }, select: accountSelect }));
}

const ListAccountsQuery = PageQuerySchema.extend({
  tier: z.enum(TIERS).optional(),
  ladderStage: z.enum(LADDER_STAGES).optional(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
  q: z.string().trim().max(100).optional(),
  archived: booleanFlag.optional(),
});

const listAccounts = operation({
  method: "get",
  path: "/accounts",
  operationId: "listAccounts",
  summary: "Accounts the token's user may see, by name",
  description: "Archived accounts are left out unless `archived=true`. `q` matches the name or the industry.",
  tag,
  query: ListAccountsQuery,
  response: pageOf(AccountSchema),
  async handler({ services, user, query }) {
    const after = decodeCursor(query.cursor, 2);
    const where: Prisma.AccountWhereInput = {
      ...(seesWholePortfolio(user.workspaceRole) ? {} : { members: { some: { userId: user.id } } }),
      ...(query.archived ? {} : { archivedAt: null }),
      ...(query.tier ? { tier: query.tier } : {}),
      ...(query.ladderStage ? { ladderStage: query.ladderStage } : {}),
      ...(query.lifecycleStage ? { lifecycleStage: query.lifecycleStage } : {}),
      ...(query.q ? { OR: [{ name: { contains: query.q } }, { industry: { contains: query.q } }] } : {}),
    };
    const rows = await services.db.account.findMany({
      where: after
        ? { AND: [where, { OR: [{ name: { gt: after[0] } }, { name: after[0], id: { gt: after[1] } }] }] }
        : where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit + 1,
      select: accountSelect,
    });
    const data = rows.slice(0, query.limit);
    const last = data.at(-1);
    return {
      data: data.map(accountView),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  },
});

const getAccount = operation({
  method: "get",
  path: "/accounts/{accountId}",
  operationId: "getAccount",
  summary: "One account",
  tag,
  params: AccountParams,
  response: AccountSchema,
  async handler(context) {
    await requireAccount(context, context.params.accountId);
    return readAccount(context.services.db, context.params.accountId);
  },
});

const NEW_ACCOUNT_ERRORS: Record<NewAccountError, { status: number; field: string; message: string }> = {
  "owner-unknown": { status: 400, field: "body.ownerEmail", message: "No user has this email" },
  "owner-inactive": { status: 400, field: "body.ownerEmail", message: "This user is deactivated" },
  "owner-no-department": { status: 400, field: "body.ownerEmail", message: "This user has no department" },
  "name-taken": { status: 409, field: "body.name", message: "An account already has this name" },
};

const createAccount = operation({
  method: "post",
  path: "/accounts",
  operationId: "createAccount",
  summary: "Create an account (workspace admins)",
  description: "The owner becomes the team's lead, in their own department.",
  tag,
  body: NewAccountSchema,
  response: AccountSchema,
  status: 201,
  async handler({ services, user, body }) {
    if (user.workspaceRole !== "admin") throw new ApiError(403, "forbidden", "Only workspace admins create accounts");
    const created = await createAccounts(services.db, [body]);
    if (!created.ok) {
      const { status, field, message } = NEW_ACCOUNT_ERRORS[created.error];
      throw new ApiError(status, status === 409 ? "conflict" : "invalid_request", message, [{ path: field, message }]);
    }
    const [id] = created.ids;
    noteAudit({ action: "api.createAccount", accountId: id, objectType: "account", objectId: id });
    return readAccount(services.db, id);
  },
});

const note = StageChangeSchema.options[0].shape.note;
const UpdateAccountBody = z
  .object({
    tier: z.enum(TIERS).optional(),
    ladderStage: z.enum(LADDER_STAGES).optional(),
    lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
    currency: z
      .string()
      .refine(isCurrencyCode, "Not an ISO 4217 currency code in capitals, such as CNY, USD or EUR")
      .optional()
      .describe("ISO 4217 code the account's money figures are shown in"),
    note,
  })
  .strict();

const updateAccount = operation({
  method: "patch",
  path: "/accounts/{accountId}",
  operationId: "updateAccount",
  summary: "Move the account to another tier, ladder rung or lifecycle stage, or set its currency (the team's lead)",
  description:
    "Each stage field given that differs from the account's is one stage change, kept in its history. `currency` sets the currency its money figures are shown in.",
  tag,
  params: AccountParams,
  body: UpdateAccountBody,
  response: AccountSchema,
  async handler(context) {
    const { services, user, params, body } = context;
    const access = await requireAccount(context, params.accountId);
    // Moving an account along its stages is the lead's call (and an admin's), as on the account page.
    if (!access.canManageTeam) throw new ApiError(403, "forbidden", "Only the team's lead changes the account's stage");
    const before = await readAccount(services.db, params.accountId);
    for (const field of STAGE_FIELDS) {
      const value = body[field];
      if (value === undefined || value === before[field]) continue;
      const change = StageChangeSchema.parse({ intent: "change-stage", field, value, note: body.note });
      await changeStage(services, user.id, params.accountId, change);
    }
    if (body.currency !== undefined && body.currency !== before.currency) {
      await services.db.account.update({ where: { id: params.accountId }, data: { currency: body.currency } });
    }
    noteAudit({
      action: "api.updateAccount",
      accountId: params.accountId,
      objectType: "account",
      objectId: params.accountId,
    });
    return readAccount(services.db, params.accountId);
  },
});

export const MemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(TEAM_ROLES),
  department: z.object({ key: z.string(), name: z.string(), nameZh: z.string() }),
});

const listMembers = operation({
  method: "get",
  path: "/accounts/{accountId}/members",
  operationId: "listMembers",
  summary: "The account's team, by department and role",
  tag,
  params: AccountParams,
  query: PageQuerySchema,
  response: pageOf(MemberSchema),
  async handler(context) {
    await requireAccount(context, context.params.accountId);
    const team = await getTeam(context.services.db, context.params.accountId);
    const members = (team?.members ?? []).map((member, index) => ({
      position: index,
      view: {
        userId: member.user.id,
        name: member.user.name,
        email: member.user.email,
        role: member.role as z.infer<typeof MemberSchema>["role"],
        department: { key: member.department.key, name: member.department.name, nameZh: member.department.nameZh },
      },
    }));
    // The team page's order (department, then role); the position keeps it in the cursor.
    const page = paginate(members, (m) => [String(m.position).padStart(6, "0"), m.view.userId], context.query);
    return { data: page.data.map((m) => m.view), nextCursor: page.nextCursor };
  },
});

export const accountOperations = [listAccounts, createAccount, getAccount, updateAccount, listMembers];
