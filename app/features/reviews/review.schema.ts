import { z } from "zod";
import { parseQuarter } from "~/features/kpis/kpi";
import { AGENDA_KINDS, REVIEW_LIMITS, type AgendaKind } from "./review";
import { CreateActionItemSchema } from "~/features/action-items/action-item.schema";
import { ClientIdSchema } from "~/shared/client-id";
import { ID_PATTERN } from "~/shared/id";

/**
 * Messages are i18n keys (app/i18n/en/reviews.json), so the route answers in
 * the user's language whichever check (zod or the model's) refused the input.
 */
export type ReviewErrorKey =
  | "reviews.error.quarter"
  | "reviews.error.scheduledAt"
  | "reviews.error.attendees"
  | "reviews.error.agenda"
  | "reviews.error.agendaTitle"
  | "reviews.error.agendaMinutes"
  | "reviews.error.decision"
  | "reviews.error.agendaItem"
  | "reviews.error.notScheduled"
  | "reviews.error.notLive"
  | "reviews.error.invalid";

const id = z.string().regex(ID_PATTERN);

/** `YYYY-MM-DDTHH:mm` as typed in a datetime-local field, read in the browser's time zone. */
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A form's repeated field: one value arrives as a string, several as an array. */
const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));

const ScheduleFields = z
  .object({
    quarter: z
      .string()
      .trim()
      .refine((text) => parseQuarter(text) !== null, "reviews.error.quarter"),
    scheduledAt: z.string().regex(LOCAL_DATETIME, "reviews.error.scheduledAt"),
    /** Minutes to add to the local time to get UTC (`Date#getTimezoneOffset`); set by the page's script. */
    tzOffset: z.coerce.number().int().min(-840).max(840).catch(0),
    attendees: list(id).pipe(z.array(id).max(200, "reviews.error.attendees")),
    agendaKind: list(z.enum(AGENDA_KINDS as [AgendaKind, ...AgendaKind[]], { message: "reviews.error.agenda" })),
    agendaTitle: list(z.string().trim().min(1, "reviews.error.agendaTitle").max(120, "reviews.error.agendaTitle")),
    agendaMinutes: list(
      z.coerce
        .number({ message: "reviews.error.agendaMinutes" })
        .int("reviews.error.agendaMinutes")
        .min(1, "reviews.error.agendaMinutes")
        .max(REVIEW_LIMITS.maxItemMinutes, "reviews.error.agendaMinutes"),
    ),
  })
  .superRefine((value, ctx) => {
    const count = value.agendaKind.length;
    if (
      count === 0 ||
      count > REVIEW_LIMITS.maxAgendaItems ||
      value.agendaTitle.length !== count ||
      value.agendaMinutes.length !== count
    ) {
      ctx.addIssue({ code: "custom", path: ["agenda"], message: "reviews.error.agenda" });
    }
    const at = new Date(`${value.scheduledAt}:00Z`);
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: "custom", path: ["scheduledAt"], message: "reviews.error.scheduledAt" });
    }
  })
  .transform(({ scheduledAt, tzOffset, agendaKind, agendaTitle, agendaMinutes, ...rest }) => ({
    ...rest,
    quarter: rest.quarter.toUpperCase(),
    scheduledAt: new Date(Date.parse(`${scheduledAt}:00Z`) + tzOffset * 60_000),
    agenda: agendaKind.map((kind, index) => ({
      kind,
      title: agendaTitle[index] ?? "",
      plannedMinutes: agendaMinutes[index] ?? 1,
    })),
  }));

export type ReviewPlan = z.infer<typeof ScheduleFields>;

/** The fields a review form repeats, for `formFields(request, { lists })`. */
export const REVIEW_LIST_FIELDS = ["attendees", "agendaKind", "agendaTitle", "agendaMinutes"] as const;

export const ScheduleReviewSchema = z.intersection(
  z.object({ intent: z.literal("schedule"), clientId: ClientIdSchema }),
  ScheduleFields,
);
export const UpdateReviewSchema = z.intersection(z.object({ intent: z.literal("update") }), ScheduleFields);

const DecisionSchema = z.object({
  intent: z.literal("decision"),
  text: z
    .string({ required_error: "reviews.error.decision" })
    .trim()
    .min(1, "reviews.error.decision")
    .max(REVIEW_LIMITS.maxDecisionChars, "reviews.error.decision"),
  agendaItemId: z.preprocess((value) => (value === "" ? undefined : value), id.optional()),
  clientId: ClientIdSchema,
});

const ReviewActionSchema = CreateActionItemSchema.extend({ intent: z.literal("action") });

/** What the review page posts, besides scheduling (the schedule form has its own schemas). */
export const ReviewIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("close") }),
  z.object({ intent: z.literal("cancel") }),
  DecisionSchema,
  ReviewActionSchema,
]);
export type ReviewIntent = z.infer<typeof ReviewIntentSchema>;
