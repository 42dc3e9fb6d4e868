import type { Locale, MessageKey, Translate } from "~/i18n/i18n";
import { contentToMarkdown, escapeMarkdown } from "~/features/documents/markdown";
import { formatDuration, type ReviewSummary } from "./review";

const name = (d: { name: string; nameZh: string } | null, locale: Locale) =>
  d ? (locale === "zh-CN" ? d.nameZh : d.name) : "—";

/** A closed review as one Markdown file, in the reader's language, from its frozen summary. */
export function reviewMarkdown(summary: ReviewSummary, t: Translate, locale: Locale): string {
  // Every field lands in a table cell, list line or heading: one line each, whatever was typed.
  const e = (text: string) => escapeMarkdown(text).replace(/\s*\r?\n\s*/g, " ");
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
      new Date(iso),
    ) + " UTC";
  const out: string[] = [];
  out.push(`# ${e(summary.account.name)} — ${t("reviews.name", { quarter: summary.quarter })}`, "");
  out.push(
    t("reviews.summary.meta", { start: when(summary.startedAt), end: when(summary.closedAt), by: e(summary.closedBy) }),
    "",
  );

  out.push(`## ${t("reviews.summary.kpis", { quarter: summary.quarter })}`, "");
  const { definitions, quarters, values, health } = summary.kpis;
  if (health?.score != null) out.push(t("reviews.summary.health", { score: health.score }), "");
  if (Object.keys(values).length === 0) out.push(t("kpis.empty.title"), "");
  else {
    out.push(`| ${t("kpis.column.kpi")} | ${quarters.join(" | ")} |`, `|---|${quarters.map(() => "---:").join("|")}|`);
    for (const definition of definitions) {
      const cells = quarters.map((quarter) => {
        const value = values[quarter]?.[definition.key];
        return value === undefined ? "—" : String(value);
      });
      out.push(`| ${e(name(definition, locale))} | ${cells.join(" | ")} |`);
    }
    out.push("");
  }

  out.push(`## ${t("reviews.decisions.title")}`, "");
  if (summary.decisions.length === 0) out.push(t("reviews.decisions.none"), "");
  summary.decisions.forEach((decision, index) => {
    const where = decision.agendaTitle ? ` (${e(decision.agendaTitle)})` : "";
    out.push(`${index + 1}. ${e(decision.text)}${where} — ${e(decision.by)}`);
  });
  if (summary.decisions.length > 0) out.push("");

  const actionRows = (rows: ReviewSummary["carriedOver"] | ReviewSummary["actions"]) => {
    out.push(
      `| ${t("actions.field.title")} | ${t("actions.field.department")} | ${t("actions.field.assignee")} | ${t("actions.field.dueDate")} | ${t("actions.filter.status")} |`,
      "|---|---|---|---|---|",
    );
    for (const row of rows) {
      const department = "department" in row ? name(row.department, locale) : "—";
      out.push(
        `| ${e(row.title)} | ${e(department)} | ${e(row.assignee ?? t("actions.unassigned"))} | ${row.dueDate ?? "—"} | ${t(`actions.status.${row.status}`)} |`,
      );
    }
    out.push("");
  };
  out.push(`## ${t("reviews.actions.title")}`, "");
  if (summary.actions.length === 0) out.push(t("reviews.actions.none"), "");
  else actionRows(summary.actions);
  if (summary.carriedOver.length > 0) {
    out.push(`### ${t("reviews.carried.title")}`, "");
    actionRows(summary.carriedOver);
  }

  out.push(`## ${t("reviews.attendance.title")}`, "");
  for (const person of summary.attendance) {
    const status = person.attended ? t("reviews.attendance.attended") : t("reviews.attendance.missed");
    out.push(`- ${e(person.name)} (${e(name(person.department, locale))}) — ${status}`);
  }
  out.push("");

  out.push(`## ${t("reviews.summary.documents")}`, "");
  for (const doc of summary.documents) {
    const kind = t(`docKind.${doc.kind}` as MessageKey);
    const approved = doc.approved
      ? `${t("reviews.summary.approvedVersion", { name: e(doc.approved.versionName), date: when(doc.approved.approvedAt) })} (\`${doc.approved.contentHash.slice(0, 12)}\`)`
      : t("reviews.summary.notApproved");
    out.push(`- ${kind}: **${e(doc.title)}** — ${approved}`);
  }
  out.push("");

  out.push(`## ${t("reviews.field.agenda")}`, "");
  out.push(
    `| ${t("reviews.agenda.item")} | ${t("reviews.agenda.planned")} | ${t("reviews.agenda.spent")} |`,
    "|---|---:|---:|",
  );
  for (const item of summary.agenda) {
    out.push(
      `| ${e(item.title)} | ${t("reviews.minutesCount", { count: item.plannedMinutes })} | ${formatDuration(item.spentSeconds)} |`,
    );
  }
  out.push("");

  if (summary.minutes) {
    out.push(`## ${t("reviews.minutes.heading")}`, "", contentToMarkdown(summary.minutes.content));
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}
