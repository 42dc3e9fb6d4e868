import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";

/** The columns an account CSV may have, in the sample's order; REQUIRED_COLUMNS must be there. */
export const ACCOUNT_CSV_COLUMNS = [
  "name",
  "industry",
  "owner_email",
  "tier",
  "ladder_stage",
  "lifecycle_stage",
] as const;
export const REQUIRED_COLUMNS = ["name", "owner_email", "tier"] as const;
export type AccountCsvColumn = (typeof ACCOUNT_CSV_COLUMNS)[number];

/** The values each vocabulary column accepts (the same keys the portfolio shows, localised there). */
export const ALLOWED_VALUES = { tier: TIERS, ladder_stage: LADDER_STAGES, lifecycle_stage: LIFECYCLE_STAGES } as const;

export const ACCOUNT_IMPORT_LIMITS = { maxRows: 1000, maxBytes: 1024 * 1024 };

/** A problem named by its i18n key suffix (`integrations.import.error.<key>`) and what fills it. */
export interface ImportProblem {
  column?: AccountCsvColumn;
  key: string;
  vars?: Record<string, string | number>;
}

export interface PreviewRow {
  /** The line in the file (1 is the header). */
  line: number;
  values: Record<AccountCsvColumn, string>;
  errors: ImportProblem[];
}

export interface ImportPreview {
  fileErrors: ImportProblem[];
  rows: PreviewRow[];
  /** Whether the file can be imported as it is: no file error, no row error, at least one row. */
  ready: boolean;
}

/** A sample file that imports cleanly on the demo workspace (owners are demo users). */
export const SAMPLE_CSV = [
  ACCOUNT_CSV_COLUMNS.join(","),
  `"Baltic Ferry Lines",Maritime,lead@demo.keyroom,key,customer,experience`,
  `"Orion Medical Devices","Healthcare, devices",sales@demo.keyroom,growth,prospect,connect`,
  `"Pacific Grain Cooperative",Agriculture,logistics@demo.keyroom,maintain,client,loyalty`,
  "",
].join("\r\n");

/** The import page's answers: a preview carries the file's text back for the commit form. */
export type ImportReply =
  | { intent: "preview"; preview: ImportPreview; csv: string }
  | { intent: "commit"; created: number; preview: null; csv: null }
  | { intent: "commit"; created: 0; preview: ImportPreview; csv: string }
  | { intent: "invalid"; preview: null; csv: null };
