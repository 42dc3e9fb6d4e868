import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_AREAS, AUDIT_EXACT, AUDIT_VERBS } from "~/features/audit/audit-labels";
import { AUDIT_CHANNELS } from "~/features/audit/audit-view";
import { APPROVAL_DECISIONS } from "~/features/approvals/approval.schema";
import { DOC_KINDS } from "~/features/documents/doc-templates";
import { ACCOUNT_CSV_COLUMNS } from "~/features/imports/account-import";
import { CAPABILITY_ELEMENTS, COST_FACTORS, VALUE_FACTORS } from "~/features/scoring-rounds/rounds";
import { TEAM_ROLES } from "~/features/team/team.schema";
import { WEBHOOK_EVENTS } from "~/features/webhooks/webhook-events";
import { ACTIVITY_KINDS } from "~/shared/hub";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";

/**
 * Issue 21: a key shown untranslated, or a key that does not exist (the page
 * shows the key itself), fails here. Keys written as literals in `t("…")` are
 * checked by TypeScript; keys built at run time and cast to MessageKey are not,
 * so each such place is listed below with the values it can take.
 */

const dir = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(dir, "..", "..");
const files = readdirSync(path.join(dir, "en"));
const load = (locale: string, file: string) =>
  JSON.parse(readFileSync(path.join(dir, locale, file), "utf8")) as Record<string, string>;
const en: Record<string, string> = Object.assign({}, ...files.map((file) => load("en", file)));

/** Words that are the same in both languages: the brand and codes people use as they are. */
const SAME_IN_BOTH = new Set(["Keyroom", "API", "KPI", "CSV", "CIQ", "Markdown", "OpenAPI", "JSON", "URL", "ID"]);

/** True when a message has nothing to translate: only arguments, symbols, numbers and allowlisted words. */
function nothingToTranslate(message: string): boolean {
  const words = message
    .replace(/\{[^{}]*\}/g, " ")
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  return words.every((word) => SAME_IN_BOTH.has(word));
}

const prefixed = (prefix: string, values: readonly (string | number)[]) => values.map((v) => `${prefix}.${v}`);
const ROUND_ITEMS = [...CAPABILITY_ELEMENTS, ...VALUE_FACTORS, ...COST_FACTORS];
const STAGES = [
  ...prefixed("tier", TIERS),
  ...prefixed("ladder", LADDER_STAGES),
  ...prefixed("lifecycle", LIFECYCLE_STAGES),
];

/**
 * Every key a template literal cast to MessageKey can produce, by file and template
 * (`*` for each `${…}`). A new cast fails the test until its values are listed here.
 */
const DYNAMIC_KEYS: Record<string, readonly string[]> = {
  "audit/audit-page.tsx audit.channel.*": prefixed("audit.channel", AUDIT_CHANNELS),
  "reviews/review-summary-view.tsx docKind.*": prefixed("docKind", [...DOC_KINDS, "review_minutes"]),
  "reviews/review-markdown.ts docKind.*": prefixed("docKind", [...DOC_KINDS, "review_minutes"]),
  "reviews/item-context.tsx docKind.*": prefixed("docKind", [...DOC_KINDS, "review_minutes"]),
  "approvals/approval-badge.tsx approval.status.*": prefixed("approval.status", [
    "draft",
    "in_review",
    "changes_requested",
    "rejected",
    "approved",
    "approved_changed",
  ]),
  "approvals/approval-page.tsx approval.status.*": prefixed("approval.status", [
    "in_review",
    "changes_requested",
    "rejected",
    "approved",
    "superseded",
  ]),
  "approvals/approval-page.tsx approval.decision.*": prefixed("approval.decision", [...APPROVAL_DECISIONS, "pending"]),
  "approvals/approval-text.ts approval.decision.*": prefixed("approval.decision", APPROVAL_DECISIONS),
  "notifications/activity-feed.tsx activity.*": prefixed("activity", ACTIVITY_KINDS),
  "imports/import-page.tsx integrations.import.error.*": prefixed("integrations.import.error", importProblemKeys()),
  "imports/import-page.tsx *.*": STAGES,
  "imports/import-page.tsx integrations.import.accepts.*": prefixed(
    "integrations.import.accepts",
    ACCOUNT_CSV_COLUMNS.filter((c) => !["tier", "ladder_stage", "lifecycle_stage"].includes(c)),
  ),
  "scoring-rounds/round-intents.server.ts rounds.item.*": prefixed("rounds.item", ROUND_ITEMS),
  "scoring-rounds/score-form.tsx rounds.item.*": prefixed("rounds.item", ROUND_ITEMS),
  "webhooks/webhooks-page.tsx integrations.webhooks.event.*": prefixed("integrations.webhooks.event", WEBHOOK_EVENTS),
  "accounts/account-page.tsx role.*": prefixed("role", TEAM_ROLES),
  "accounts/portfolio-table.tsx role.*": prefixed("role", TEAM_ROLES),
  "accounts/portfolio-charts.tsx *.*": STAGES.filter((key) => !key.startsWith("tier.")),
  "accounts/portfolio-charts.tsx tier.*": prefixed("tier", TIERS),
  "accounts/stage-change-form.tsx *.*": STAGES,
  "net-value/net-value.ts netValue.factor.*": prefixed("netValue.factor", [...VALUE_FACTORS, ...COST_FACTORS]),
  "net-value/net-value.ts netValue.hint.*": prefixed("netValue.hint", [...VALUE_FACTORS, ...COST_FACTORS]),
  "audit/audit-labels.ts audit.action.*": prefixed("audit.action", AUDIT_EXACT),
  "audit/audit-labels.ts audit.area.*": prefixed("audit.area", AUDIT_AREAS),
  "audit/audit-labels.ts audit.verb.*": prefixed("audit.verb", AUDIT_VERBS),
  "documents/versions/versions-page.tsx versions.reason.*": prefixed("versions.reason", [
    "manual",
    "approval",
    "review",
    "restore",
  ]),
};

/** The problem keys the account import reports, read from its source (they are typed as string). */
function importProblemKeys(): string[] {
  const source = readFileSync(path.join(root, "app/features/imports/account-import.server.ts"), "utf8");
  const keys = [...source.matchAll(/\bkey: "([\w-]+)"/g)].map((m) => m[1]);
  // Refusals of the account creation itself (accounts.server.ts) reach the page by their code.
  return [...keys, "name-taken", "owner-unknown", "owner-inactive", "owner-no-department"];
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(folder, file));
}

describe("translations", () => {
  it.each(files)("%s: every zh-CN message is translated (not the English text)", (file) => {
    const english = load("en", file);
    const chinese = load("zh-CN", file);
    const untranslated = Object.keys(english).filter(
      (key) => chinese[key] === english[key] && !nothingToTranslate(english[key]),
    );
    expect(untranslated).toEqual([]);
  });

  it("counts in English are ICU plurals, never “1 rows” or “line(s)”", () => {
    // Numbers that are never 1 (limits such as "at most {max} rows") may stand before a plural noun.
    const NEVER_ONE = new Set(["max", "min", "rows:kpis.import.help", "points"]);
    const VERBS = new Set(["is", "has", "was", "asks", "gets", "does"]);
    const wrong: string[] = [];
    for (const [key, message] of Object.entries(en)) {
      if (/\(s\)/.test(message)) wrong.push(`${key}: ${message}`);
      // Outside plural branches: drop {x, plural, …} blocks first (they nest one level here).
      const plain = message.replace(/\{\w+, plural,(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}/g, "");
      for (const [, name, noun] of plain.matchAll(/\{(\w+)(?:, number)?\} ([a-z]+s)\b/g)) {
        if (VERBS.has(noun) || NEVER_ONE.has(name) || NEVER_ONE.has(`${name}:${key}`)) continue;
        wrong.push(`${key}: ${message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("every key a page builds at run time exists, and every such place is listed", () => {
    const features = path.join(root, "app/features");
    const found = new Set<string>();
    for (const file of sourceFiles(path.join(root, "app"))) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/`([^`]*)`\s*as MessageKey/g)) {
        const template = match[1].replace(/\$\{[^}]*\}/g, "*");
        found.add(`${path.relative(features, file)} ${template}`);
      }
    }
    expect(
      [...found].filter((place) => !(place in DYNAMIC_KEYS)),
      "places to list in DYNAMIC_KEYS",
    ).toEqual([]);
    const missing = Object.values(DYNAMIC_KEYS)
      .flat()
      .filter((key) => en[key] === undefined);
    expect(missing).toEqual([]);
  });

  it("every key a zod schema or a server names as a message exists", () => {
    const prefixes = new Set(Object.keys(en).map((key) => key.split(".")[0]));
    const missing: string[] = [];
    for (const file of sourceFiles(path.join(root, "app"))) {
      const source = readFileSync(file, "utf8");
      const literals = [
        ...source.matchAll(/\bmessage: "([\w-]+(?:\.[\w-]+)+)"/g),
        ...source.matchAll(/"([\w-]+(?:\.[\w-]+)+)"\s*as MessageKey/g),
      ];
      for (const [, key] of literals) {
        if (prefixes.has(key.split(".")[0]) && en[key] === undefined)
          missing.push(`${path.relative(root, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
