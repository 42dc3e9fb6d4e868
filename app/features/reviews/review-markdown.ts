import { versionDisplayName } from "~/features/documents/versions/version-name";
import { formatKpiValue } from "~/features/kpis/format";
import { dateFormat } from "~/components/intl";
import type { Locale, MessageKey, Translate } from "~/i18n/i18n";
import { contentToMarkdown, escapeMarkdown } from "~/features/documents/markdown";
import { formatDuration, type ReviewSummary } from "./review";

const name = (d: { name: string; nameZh: string } | null, locale: Locale) =>
  d ? (locale === "zh-CN" ? d.nameZh : d.name) : "—";

/** How each section writes: in the reader's language, every typed field on one line. */
interface Writer {
  t: Translate;
  locale: Locale;
  /** Every field lands in a table cell, list line or heading: one line each, whatever was typed. */
  e: (text: string) => string;
  when: (iso: string) => string;
}

/** A closed review as one Markdown file, in the reader's language, from its frozen summary. */
export function reviewMarkdown(summary: ReviewSummary, t: Translate, locale: Locale): string {
  const w: Writer = {
    t,
    locale,
    e: (text) => escapeMarkdown(text).replace(/\s*\r?\n\s*/g, " "),
    when: (iso) =>
      dateFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC",
  };
  const out = [
    ...titleLines(summary, w),
    ...kpiLines(summary, w),
    ...decisionLines(summary, w),
    ...actionLines(summary, w),
    ...attendanceLines(summary, w),
    ...documentLines(summary, w),
    ...agendaLines(summary, w),
    ...minutesLines(summary, w),
  ];
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}

function titleLines(summary: ReviewSummary, { t, e, when }: Writer): string[] {
  return [
    `# ${e(summary.account.name)} — ${t("reviews.name", { quarter: summary.quarter })}`,
    "",
    t("reviews.summary.meta", { start: when(summary.startedAt), end: when(summary.closedAt), by: e(summary.closedBy) }),
    "",
  ];
}

function kpiLines(summary: ReviewSummary, { t, locale, e }: Writer): string[] {
  const out = [`## ${t("reviews.summary.kpis", { quarter: summary.quarter })}`, ""];
  const { definitions, quarters, values, health } = summary.kpis;
  out.push(
    health?.score != null
      ? t("reviews.summary.health", { score: health.score })
      : t("reviews.summary.healthNone", { quarter: summary.quarter }),
    "",
  );
  if (Object.keys(values).length === 0) {
    out.push(t("kpis.empty.title"), "");
    return out;
  }
  out.push(`| ${t("kpis.column.kpi")} | ${quarters.join(" | ")} |`, `|---|${quarters.map(() => "---:").join("|")}|`);
  for (const definition of definitions) {
    const cells = quarters.map((quarter) => {
      const value = values[quarter]?.[definition.key];
      return value === undefined ? "—" : formatKpiValue(value, definition.unit, locale, summary.account.currency);
    });
    out.push(`| ${e(name(definition, locale))} | ${cells.join(" | ")} |`);
  }
  out.push("");
  return out;
}

function decisionLines(summary: ReviewSummary, { t, e }: Writer): string[] {
  const out = [`## ${t("reviews.decisions.title")}`, ""];
  if (summary.decisions.length === 0) out.push(t("reviews.decisions.none"), "");
  summary.decisions.forEach((decision, index) => {
    const where = decision.agendaTitle ? ` (${e(decision.agendaTitle)})` : "";
    out.push(`${index + 1}. ${e(decision.text)}${where} — ${e(decision.by)}`);
  });
  if (summary.decisions.length > 0) out.push("");
  return out;
}

/** This review's action items, then those carried over from the last one. */
function actionLines(summary: ReviewSummary, w: Writer): string[] {
  const { t } = w;
  const out = [`## ${t("reviews.actions.title")}`, ""];
  if (summary.actions.length === 0) out.push(t("reviews.actions.none"), "");
  else out.push(...actionTable(summary.actions, w));
  if (summary.carriedOver.length > 0) {
    out.push(`### ${t("reviews.carried.title")}`, "", ...actionTable(summary.carriedOver, w));
  }
  return out;
}

function actionTable(rows: ReviewSummary["carriedOver"] | ReviewSummary["actions"], { t, locale, e }: Writer) {
  const out = [
    `| ${t("actions.field.title")} | ${t("actions.field.department")} | ${t("actions.field.assignee")} | ${t("actions.field.dueDate")} | ${t("actions.filter.status")} |`,
    "|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const department = row.department ? name(row.department, locale) : "—";
    out.push(
      `| ${e(row.title)} | ${e(department)} | ${e(row.assignee ?? t("actions.unassigned"))} | ${row.dueDate ?? "—"} | ${t(`actions.status.${row.status}`)} |`,
    );
  }
  out.push("");
  return out;
}

function attendanceLines(summary: ReviewSummary, { t, locale, e }: Writer): string[] {
  const out = [`## ${t("reviews.attendance.title")}`, ""];
  for (const person of summary.attendance) {
    const status = person.attended ? t("reviews.attendance.attended") : t("reviews.attendance.missed");
    out.push(`- ${e(person.name)} (${e(name(person.department, locale))}) — ${status}`);
  }
  out.push("");
  return out;
}

/** Each document with the version approved for it, if any. */
function documentLines(summary: ReviewSummary, { t, e, when }: Writer): string[] {
  const out = [`## ${t("reviews.summary.documents")}`, ""];
  for (const doc of summary.documents) {
    const kind = t(`docKind.${doc.kind}` as MessageKey);
    const approved = doc.approved
      ? `${t("reviews.summary.approvedVersion", { name: e(versionDisplayName(t, doc.approved.versionName)), date: when(doc.approved.approvedAt) })} (\`${doc.approved.contentHash.slice(0, 12)}\`)`
      : t("reviews.summary.notApproved");
    out.push(`- ${kind}: **${e(doc.title)}** — ${approved}`);
  }
  out.push("");
  return out;
}

function agendaLines(summary: ReviewSummary, { t, e }: Writer): string[] {
  const out = [
    `## ${t("reviews.field.agenda")}`,
    "",
    `| ${t("reviews.agenda.item")} | ${t("reviews.agenda.planned")} | ${t("reviews.agenda.spent")} |`,
    "|---|---:|---:|",
  ];
  for (const item of summary.agenda) {
    out.push(
      `| ${e(item.title)} | ${t("reviews.minutesCount", { count: item.plannedMinutes })} | ${formatDuration(item.spentSeconds)} |`,
    );
  }
  out.push("");
  return out;
}

function minutesLines(summary: ReviewSummary, { t }: Writer): string[] {
  if (!summary.minutes) return [];
  return [`## ${t("reviews.minutes.heading")}`, "", contentToMarkdown(summary.minutes.content)];
}
