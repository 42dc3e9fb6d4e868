import { accountOperations } from "./accounts.api.server";
import { actionItemOperations } from "./action-items.api.server";
import { approvalAndReviewOperations } from "./approvals-reviews.api.server";
import { documentOperations } from "./documents.api.server";
import { kpiAndScoreOperations } from "./kpis-scores.api.server";
import type { ApiOperation } from "./operation.server";

/** Every operation of /api/v1: what the dispatcher serves and what openapi.json documents, from one list. */
export const operations: readonly ApiOperation[] = [
  ...accountOperations,
  ...documentOperations,
  ...approvalAndReviewOperations,
  ...actionItemOperations,
  ...kpiAndScoreOperations,
];
