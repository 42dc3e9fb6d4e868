import type { Db } from "~/utils/db.server";
import { docTemplate, type Locale, type TemplateDocKind } from "~/features/documents/doc-templates";
import { parseStoredSections } from "~/features/documents/document-template.server";
import { templateHeadings } from "~/features/documents/template-sections";

/** A template's headings as new documents get them, and whether an admin changed them. */
export async function loadTemplate(db: Db, kind: TemplateDocKind, locale: Locale) {
  const row = await db.documentTemplate.findUnique({
    where: { kind_locale: { kind, locale } },
    select: { sections: true, updatedAt: true },
  });
  const stored = parseStoredSections(row?.sections);
  return {
    kind,
    locale,
    sections: stored ?? templateHeadings(docTemplate(kind, locale)),
    builtIn: templateHeadings(docTemplate(kind, locale)),
    customised: stored !== null,
    updatedAt: stored ? (row?.updatedAt.toISOString() ?? null) : null,
  };
}

/** Applies one edit to the list of headings; null when the operation names no heading. */
export function applyTemplateOp(sections: readonly string[], op: string, newSection: string): string[] | null {
  const next = [...sections];
  if (op === "save") return next;
  if (op === "add") return [...next, newSection];
  const [verb, at] = op.split(":");
  const index = Number(at);
  if (!(index >= 0 && index < next.length)) return null;
  if (verb === "remove") next.splice(index, 1);
  else {
    const other = verb === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= next.length) return next;
    [next[index], next[other]] = [next[other], next[index]];
  }
  return next;
}

export async function saveTemplate(
  db: Db,
  actorId: string,
  kind: TemplateDocKind,
  locale: Locale,
  sections: readonly string[],
): Promise<void> {
  const data = { sections: JSON.stringify(sections), updatedById: actorId };
  await db.documentTemplate.upsert({
    where: { kind_locale: { kind, locale } },
    create: { kind, locale, ...data },
    update: data,
  });
}

/** Back to the built-in template: the stored edit is dropped. */
export async function resetTemplate(db: Db, kind: TemplateDocKind, locale: Locale): Promise<void> {
  await db.documentTemplate.deleteMany({ where: { kind, locale } });
}
