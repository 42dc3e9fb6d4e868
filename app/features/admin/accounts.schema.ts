import { z } from "zod";
import { NewAccountSchema } from "~/features/accounts/new-account.schema";
import { IdSchema } from "~/shared/id";

/** The accounts page's forms: create (the shared new-account schema), archive, unarchive, transfer. */
export const AccountsIntentSchema = z.discriminatedUnion("intent", [
  NewAccountSchema.extend({ intent: z.literal("create") }),
  z.object({ intent: z.literal("archive"), id: IdSchema }),
  z.object({ intent: z.literal("unarchive"), id: IdSchema }),
  z.object({ intent: z.literal("transfer"), id: IdSchema, userId: IdSchema }),
]);

/** NewAccountSchema speaks English; the admin page names each field's problem in the admin's language. */
export const ACCOUNT_FIELD_MESSAGES = {
  name: "admin.accounts.error.name",
  industry: "admin.accounts.error.industry",
  ownerEmail: "admin.error.email",
  userId: "admin.accounts.error.newLead",
} as const;
