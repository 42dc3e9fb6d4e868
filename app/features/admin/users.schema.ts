import { z } from "zod";
import { IdSchema } from "~/shared/id";
import type { AdminReply } from "./admin-reply";

/** Workspace roles, as the people page offers them. */
export const WORKSPACE_ROLES = ["member", "executive", "admin"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "admin.error.email" })
  .email({ message: "admin.error.email" });
const name = z.string().trim().min(1, { message: "admin.error.name" }).max(120, { message: "admin.error.name" });
/** A department key, or none ("" from the form's first option). */
const department = z
  .string()
  .regex(/^([a-z0-9_-]{1,40})?$/, { message: "admin.error.department" })
  .transform((key) => key || null);
const workspaceRole = z.enum(WORKSPACE_ROLES, { message: "admin.error.role" });
const id = IdSchema;

/** The people page's forms, one schema so an unknown intent is a 400 like any bad field. */
export const UsersIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: EmailSchema, name, department, workspaceRole }),
  z.object({ intent: z.literal("revokeInvitation"), id }),
  z.object({ intent: z.literal("update"), id, department, workspaceRole }),
  z.object({ intent: z.literal("deactivate"), id }),
  z.object({ intent: z.literal("reactivate"), id }),
  z.object({ intent: z.literal("resetPassword"), id }),
]);
export type UsersIntent = z.infer<typeof UsersIntentSchema>;

/** The people list's search box. */
export const PeopleQuerySchema = z.string().trim().max(100).catch("");

/** What the people page shows after a success: a link made once, or the row that changed. */
export type UsersReply = AdminReply<{ inviteUrl: string; resetUrl: string; id: string }>;
