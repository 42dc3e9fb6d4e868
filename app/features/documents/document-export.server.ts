import type { Locale, Translate } from "~/i18n/i18n";
import { listKpiDefinitions } from "~/features/kpis/kpi.server";
import type { Services } from "~/utils/services.server";
import { yjsStateToContent } from "./document-content.server";
import { contentToMarkdown, escapeMarkdown } from "./markdown";

/**
 * A live document as one Markdown file in the reader's language: its title,
 * then its content as the collab server stores it now (every edit that reached
 * the server, not the last saved version). What is internal stays out.
 */
export async function documentMarkdown(
  services: Pick<Services, "db" | "documents">,
  doc: { id: string; title: string },
  t: Translate,
  locale: Locale,
): Promise<string> {
  const [state, departments, kpis] = await Promise.all([
    services.documents.currentState(doc.id),
    services.db.department.findMany({ orderBy: { sortOrder: "asc" }, select: { key: true, name: true, nameZh: true } }),
    listKpiDefinitions(services.db),
  ]);
  const title =
    escapeMarkdown(doc.title)
      .replace(/\s*[\r\n]+\s*/g, " ")
      .trim() || t("blocks.untitled");
  return `# ${title}\n\n${contentToMarkdown(yjsStateToContent(state), { t, locale, departments, kpis })}`;
}

/**
 * `attachment` named after the title: an ASCII `filename` every client reads,
 * and the title itself as RFC 5987 `filename*` when it is not plain ASCII.
 */
export function markdownDisposition(title: string): string {
  // Path separators, control and reserved characters make no file name anywhere.
  // eslint-disable-next-line no-control-regex
  const name = title.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "-").trim() || "document";
  const ascii =
    name
      .replace(/[^\w.-]+/g, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^[-.]+|-+$/g, "") || "document";
  const header = `attachment; filename="${ascii}.md"`;
  if (/^[\x20-\x7e]*$/.test(name)) return header;
  const encoded = encodeURIComponent(`${name}.md`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${header}; filename*=UTF-8''${encoded}`;
}
