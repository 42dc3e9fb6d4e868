import type { JSONContent } from "@tiptap/core";
import { z } from "zod";
import type { Db } from "~/utils/db.server";
import { docTemplate, type Locale, type TemplateDocKind } from "./doc-templates";
import { withHeadings } from "./template-sections";

/** Stored headings: a JSON array of non-empty strings; anything else counts as no edit. */
const StoredSections = z.array(z.string().min(1)).min(1);

export function parseStoredSections(value: string | null | undefined): string[] | null {
  if (!value) return null;
  try {
    const parsed = StoredSections.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A new document's content: the built-in template, with the admin's headings when they edited it. */
export async function templateFor(
  db: Db,
  kind: TemplateDocKind,
  locale: Locale,
  now = new Date(),
): Promise<JSONContent> {
  const row = await db.documentTemplate.findUnique({
    where: { kind_locale: { kind, locale } },
    select: { sections: true },
  });
  const builtIn = docTemplate(kind, locale, now);
  const headings = parseStoredSections(row?.sections);
  return headings ? withHeadings(builtIn, headings) : builtIn;
}
