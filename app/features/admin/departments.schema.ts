import { z } from "zod";

/**
 * Department colours (cursors, avatars, badges): each reaches at least 4.5:1 against white
 * (WCAG AA for text), so a department's name written in its colour stays readable.
 */
export const DEPARTMENT_COLORS = [
  "#1d4ed8",
  "#0e7490",
  "#047857",
  "#4d7c0f",
  "#b45309",
  "#b91c1c",
  "#be185d",
  "#7c3aed",
  "#4338ca",
  "#475569",
] as const;

const key = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{1,40}$/, { message: "admin.departments.error.key" });
const name = z.string().trim().min(1, { message: "admin.error.name" }).max(80, { message: "admin.error.name" });
const color = z.enum(DEPARTMENT_COLORS, { message: "admin.departments.error.color" });

/** The departments page's forms. Renaming may keep a colour from before the palette ("" = unchanged). */
export const DepartmentsIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), key, name, nameZh: name, color }),
  z.object({
    intent: z.literal("rename"),
    key,
    name,
    nameZh: name,
    color: z.union([z.literal("").transform(() => null), color]),
  }),
  z.object({ intent: z.literal("archive"), key }),
  z.object({ intent: z.literal("unarchive"), key }),
]);
