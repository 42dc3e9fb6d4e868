import { z } from "zod";
import { noteAudit } from "~/features/audit/audit-scope.server";
import { KPI_KEY_PATTERN, kpiValueField, SaveKpisSchema, type KpiProblem } from "~/features/kpis/kpi.schema";
import { kpiOverview, listKpiDefinitions, saveQuarterKpis } from "~/features/kpis/kpi.server";
import { roundHistory } from "~/features/scoring-rounds/round-queries.server";
import type { RoundKind } from "~/features/scoring-rounds/rounds";
import { translate } from "~/i18n/i18n.server";
import { ApiError } from "./api-error.server";
import { pageOf, PageQuerySchema } from "./api-schemas";
import { requireAccount } from "./access.server";
import { AccountParams } from "./accounts.api.server";
import { operation } from "./operation.server";
import { paginate } from "./pagination.server";

const KpiDefinitionSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  nameZh: z.string(),
  unit: z.string(),
  direction: z.string(),
  target: z.number().nullable(),
  weight: z.number(),
  builtIn: z.boolean(),
});

const listDefinitions = operation({
  method: "get",
  path: "/kpis/definitions",
  operationId: "listKpiDefinitions",
  summary: "The workspace's KPI definitions",
  tag: "KPIs",
  query: PageQuerySchema,
  response: pageOf(KpiDefinitionSchema),
  async handler({ services, query }) {
    const definitions = await listKpiDefinitions(services.db);
    return paginate(definitions, (d) => [d.key, d.id], query);
  },
});

const KpiValuesSchema = z.object({
  accountId: z.string(),
  /** The last eight quarters, oldest first, ending with the current one. */
  quarters: z.array(z.string()),
  /** By quarter, then by KPI key; quarters without values are absent. */
  values: z.record(z.record(z.number())),
  healthByQuarter: z.record(z.number().nullable()),
});

async function accountKpis(db: Parameters<typeof kpiOverview>[0], accountId: string) {
  const overview = await kpiOverview(db, accountId);
  return { accountId, quarters: overview.quarters, values: overview.values, healthByQuarter: overview.healthByQuarter };
}

const listValues = operation({
  method: "get",
  path: "/accounts/{accountId}/kpis",
  operationId: "listKpiValues",
  summary: "The account's KPI values and health scores of the last eight quarters",
  tag: "KPIs",
  params: AccountParams,
  response: KpiValuesSchema,
  async handler(context) {
    await requireAccount(context, context.params.accountId);
    return accountKpis(context.services.db, context.params.accountId);
  },
});

const QuarterParams = AccountParams.extend({ quarter: z.string().regex(/^\d{4}-[Qq][1-4]$/) });

const SaveKpisBody = z
  .object({
    /** By KPI key: a number sets the value, null clears it; keys left out are unchanged. */
    values: z.record(z.string().regex(KPI_KEY_PATTERN), z.number().nullable()),
  })
  .strict();

const problemText = (problem: KpiProblem) => translate("en", problem.key, problem.vars);

const saveQuarter = operation({
  method: "put",
  path: "/accounts/{accountId}/kpis/{quarter}",
  operationId: "saveQuarterKpis",
  summary: "Set (or clear) several KPI values of one quarter at once",
  description: "All or nothing: one refused value refuses the request. A future quarter is refused.",
  tag: "KPIs",
  params: QuarterParams,
  body: SaveKpisBody,
  response: KpiValuesSchema,
  async handler(context) {
    const { accountId, quarter } = context.params;
    await requireAccount(context, accountId, "edit");
    // The KPI page's own form schema, so the API accepts exactly what the page does.
    const fields = Object.fromEntries(
      Object.entries(context.body.values).map(([key, value]) => [
        kpiValueField(key),
        value === null ? "" : String(value),
      ]),
    );
    const input = SaveKpisSchema.parse({ intent: "save", quarter, ...fields });
    const outcome = await saveQuarterKpis(context.services.db, context.user, accountId, input);
    if (!outcome.ok) {
      const details = [
        ...(outcome.quarterProblem ? [{ path: "path.quarter", message: problemText(outcome.quarterProblem) }] : []),
        ...Object.entries(outcome.fieldProblems).map(([key, problem]) => ({
          path: `body.values.${key}`,
          message: problemText(problem),
        })),
      ];
      if (outcome.status === 403) throw new ApiError(403, "forbidden", "Your role on this account is read-only");
      throw new ApiError(400, "invalid_request", details[0]?.message ?? "Refused", details);
    }
    noteAudit({
      action: "api.saveQuarterKpis",
      accountId,
      objectType: "kpiQuarter",
      objectId: outcome.quarter,
      detail: { saved: outcome.saved, cleared: outcome.cleared },
    });
    return accountKpis(context.services.db, accountId);
  },
});

const RoundResultSchema = z.object({
  roundId: z.string(),
  quarter: z.string(),
  aggregate: z.array(
    z.object({
      item: z.string(),
      mean: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      count: z.number().int(),
    }),
  ),
  targets: z.array(z.object({ item: z.string(), level: z.number() })),
  meanMaturity: z.number().nullable(),
  netValue: z.number().nullable(),
});

function revealedRounds(kind: RoundKind, path: string, operationId: string, summary: string) {
  return operation({
    method: "get",
    path,
    operationId,
    summary,
    description: "Only revealed rounds: scores of a round still open are nobody's to see yet.",
    tag: "Assessments and net value",
    params: AccountParams,
    query: PageQuerySchema,
    response: pageOf(RoundResultSchema),
    async handler(context) {
      await requireAccount(context, context.params.accountId);
      const rounds = await roundHistory(context.services.db, context.params.accountId, kind);
      return paginate(rounds, (r) => [r.quarter, r.roundId], context.query);
    },
  });
}

export const kpiAndScoreOperations = [
  listDefinitions,
  listValues,
  saveQuarter,
  revealedRounds(
    "capability",
    "/accounts/{accountId}/assessments",
    "listAssessments",
    "The account's capability assessments (revealed rounds), oldest quarter first",
  ),
  revealedRounds(
    "net_value",
    "/accounts/{accountId}/net-value",
    "listNetValue",
    "The account's net value rounds (revealed), oldest quarter first",
  ),
];
