import { z } from "zod";
import { DOC_KINDS } from "~/features/documents/doc-templates";
import { LOCALES } from "~/i18n/i18n";

/** Most sections a template may have; a document is not a filing cabinet. */
export const MAX_SECTIONS = 30;
export const MAX_HEADING = 120;

const kind = z.enum(DOC_KINDS as unknown as [string, ...string[]], { message: "admin.templates.error.kind" });
const locale = z.enum(LOCALES as unknown as [string, ...string[]], { message: "admin.templates.error.kind" });
const heading = z
  .string()
  .trim()
  .min(1, { message: "admin.templates.error.heading" })
  .max(MAX_HEADING, { message: "admin.templates.error.heading" });

/**
 * One form edits a template: its `sections` inputs carry renames, and the button pressed
 * (`op`) says what else to do, so reordering works without script and keeps unsaved renames.
 */
export const TemplatesIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    kind,
    locale,
    sections: z.array(heading).max(MAX_SECTIONS, { message: "admin.templates.error.tooMany" }),
    op: z
      .string()
      .regex(/^(save|add|(up|down|remove):\d{1,2})$/)
      .default("save"),
    newSection: z.string().trim().max(MAX_HEADING, { message: "admin.templates.error.heading" }).default(""),
  }),
  z.object({ intent: z.literal("reset"), kind, locale }),
]);

/** The template the page shows: `?kind=…&locale=…`, else the first. */
export const TemplateChoiceSchema = z.object({ kind: kind.catch(DOC_KINDS[0]), locale: locale.catch("en") });
