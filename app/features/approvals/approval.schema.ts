import { z } from "zod";
import { ClientIdSchema } from "~/shared/client-id";
import { IdSchema } from "~/shared/id";

export const APPROVAL_DECISIONS = ["approved", "changes_requested", "rejected"] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** A document's approval state, as shown on the document, the account and the portfolio. */
export type ApprovalStatus = "draft" | "in_review" | "changes_requested" | "rejected" | "approved" | "approved_changed";

/** The document an approval is about, as the workflow needs it. */
export interface ApprovalDocument {
  id: string;
  accountId: string;
  title: string;
  kind: string;
}

/** The step an executive signs; department steps are named by department key. */
export const EXECUTIVE_STEP = "executive";

const departmentKey = z.string().regex(/^[a-z0-9_-]{1,40}$/);

export const ApprovalIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("request-approval"),
    // A form sends one field per ticked box: a string for one, an array for several.
    departments: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(departmentKey).max(20),
    ),
    executive: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    note: z.string().trim().max(500).default(""),
    clientId: ClientIdSchema,
  }),
  z.object({
    intent: z.literal("decide"),
    requestId: IdSchema,
    step: z.union([departmentKey, z.literal(EXECUTIVE_STEP)]),
    decision: z.enum(APPROVAL_DECISIONS),
    comment: z.string().trim().max(1000).default(""),
  }),
]);
export type ApprovalIntent = z.infer<typeof ApprovalIntentSchema>;
