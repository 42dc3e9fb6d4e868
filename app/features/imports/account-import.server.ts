// Account CSV import: every row checked and shown first, then all created in one transaction, or none.
import { parse } from "csv-parse/sync";
import { accountNameTaken, createAccounts, resolveOwner } from "~/features/accounts/create-account.server";
import { NewAccountSchema, type NewAccount } from "~/features/accounts/new-account.schema";
import type { Db } from "~/utils/db.server";
import {
  ACCOUNT_CSV_COLUMNS,
  ACCOUNT_IMPORT_LIMITS,
  ALLOWED_VALUES,
  REQUIRED_COLUMNS,
  type AccountCsvColumn,
  type ImportPreview,
  type ImportProblem,
  type PreviewRow,
} from "./account-import";

const FIELD_OF: Record<string, AccountCsvColumn> = {
  name: "name",
  industry: "industry",
  ownerEmail: "owner_email",
  tier: "tier",
  ladderStage: "ladder_stage",
  lifecycleStage: "lifecycle_stage",
};

/** The file's records, or why it cannot be read as CSV. */
function readRecords(text: string): { records: string[][] } | { problem: ImportProblem } {
  try {
    const records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
    return { records };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { problem: { key: "unreadable", vars: { line: line ?? 1 } } };
  }
}

/** The header's problems: unknown, repeated or missing columns. */
function headerProblems(columns: string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const known: readonly string[] = ACCOUNT_CSV_COLUMNS;
  for (const column of new Set(columns.filter((c) => !known.includes(c)))) {
    const accepted = known.join(", ");
    problems.push(
      column ? { key: "unknownColumn", vars: { column, accepted } } : { key: "unnamedColumn", vars: { accepted } },
    );
  }
  for (const column of new Set(columns.filter((c, i) => columns.indexOf(c) !== i))) {
    problems.push({ key: "repeatedColumn", vars: { column } });
  }
  for (const column of REQUIRED_COLUMNS.filter((c) => !columns.includes(c))) {
    problems.push({ key: "missingColumn", vars: { column } });
  }
  return problems;
}

/** A row's own problems, before the database is asked. */
function rowProblems(values: Record<AccountCsvColumn, string>, cells: number, width: number): ImportProblem[] {
  const errors: ImportProblem[] = [];
  if (cells !== width) errors.push({ key: "cellCount", vars: { count: cells, expected: width } });
  if (!values.name) errors.push({ column: "name", key: "nameMissing" });
  if (!values.owner_email) errors.push({ column: "owner_email", key: "ownerMissing" });
  for (const column of ["tier", "ladder_stage", "lifecycle_stage"] as const) {
    const allowed: readonly string[] = ALLOWED_VALUES[column];
    const value = values[column];
    if (column === "tier" ? !allowed.includes(value) : value !== "" && !allowed.includes(value)) {
      errors.push({ column, key: "badValue", vars: { column, value, accepted: allowed.join(", ") } });
    }
  }
  return errors;
}

function toNewAccount(values: Record<AccountCsvColumn, string>) {
  return NewAccountSchema.safeParse({
    name: values.name,
    industry: values.industry,
    tier: values.tier,
    ladderStage: values.ladder_stage || undefined,
    lifecycleStage: values.lifecycle_stage || undefined,
    ownerEmail: values.owner_email,
  });
}

/**
 * Reads and checks the whole file without writing: file-level problems (size,
 * rows, columns) and, per row, every problem at once (values, owner, names
 * repeated in the file or taken in the workspace).
 */
export async function previewAccountImport(db: Db, text: string): Promise<ImportPreview & { accounts: NewAccount[] }> {
  const refuse = (problem: ImportProblem) => ({ fileErrors: [problem], rows: [], ready: false, accounts: [] });
  if (new TextEncoder().encode(text).length > ACCOUNT_IMPORT_LIMITS.maxBytes) {
    return refuse({ key: "tooLarge", vars: { max: ACCOUNT_IMPORT_LIMITS.maxBytes / 1024 } });
  }
  const read = readRecords(text);
  if ("problem" in read) return refuse(read.problem);
  const [header, ...data] = read.records;
  if (!header || data.length === 0) return refuse({ key: "empty" });
  if (data.length > ACCOUNT_IMPORT_LIMITS.maxRows) {
    return refuse({ key: "tooManyRows", vars: { count: data.length, max: ACCOUNT_IMPORT_LIMITS.maxRows } });
  }
  const columns = header.map((cell) => cell.toLowerCase());
  const fileErrors = headerProblems(columns);
  const seen = new Map<string, number>();
  const owners = new Map<string, Awaited<ReturnType<typeof resolveOwner>>>();
  const rows: PreviewRow[] = [];
  const accounts: NewAccount[] = [];
  for (const [index, cells] of data.entries()) {
    // A form posts line breaks as CRLF: a quoted value keeps the same text whichever way it came.
    const cell = (column: AccountCsvColumn) =>
      columns.includes(column) ? (cells[columns.indexOf(column)] ?? "").replace(/\r\n?/g, "\n") : "";
    const values = Object.fromEntries(ACCOUNT_CSV_COLUMNS.map((column) => [column, cell(column)])) as Record<
      AccountCsvColumn,
      string
    >;
    const line = index + 2;
    const errors = rowProblems(values, cells.length, columns.length);
    const parsed = toNewAccount(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = FIELD_OF[String(issue.path[0])];
        // Empty and out-of-vocabulary values are already named above, with the accepted values.
        if (!column || errors.some((e) => e.column === column)) continue;
        errors.push({ column, key: column === "owner_email" ? "ownerEmail" : "tooLong", vars: { column } });
      }
    }
    const key = values.name.toLowerCase();
    if (values.name) {
      const first = seen.get(key);
      if (first !== undefined) errors.push({ column: "name", key: "nameRepeated", vars: { line: first } });
      else seen.set(key, line);
      if (await accountNameTaken(db, values.name)) errors.push({ column: "name", key: "nameTaken" });
    }
    // The owner is looked up whatever else is wrong with the row, so every problem shows at once.
    const email = NewAccountSchema.shape.ownerEmail.safeParse(values.owner_email);
    if (email.success) {
      if (!owners.has(email.data)) owners.set(email.data, await resolveOwner(db, email.data));
      const owner = owners.get(email.data);
      if (owner && !owner.ok) errors.push({ column: "owner_email", key: owner.error, vars: { email: email.data } });
    }
    if (parsed.success) accounts.push(parsed.data);
    rows.push({ line, values, errors });
  }
  const ready = fileErrors.length === 0 && rows.every((row) => row.errors.length === 0);
  return { fileErrors, rows, ready, accounts: ready ? accounts : [] };
}

/**
 * Checks the file again (the preview's answer is not trusted: it came back
 * from the browser, and the workspace may have changed since) and creates
 * every account with its owner as lead, or none.
 */
export async function commitAccountImport(
  db: Db,
  text: string,
): Promise<{ ok: true; ids: string[] } | { ok: false; preview: ImportPreview }> {
  const preview = await previewAccountImport(db, text);
  if (!preview.ready) return { ok: false, preview: withoutAccounts(preview) };
  const made = await createAccounts(db, preview.accounts);
  if (made.ok) return { ok: true, ids: made.ids };
  // Changed between this check and the transaction: the row that failed says why.
  const rows = preview.rows.map((row, index) =>
    index === made.index ? { ...row, errors: [{ key: made.error, column: columnOf(made.error) }] } : row,
  );
  return { ok: false, preview: { fileErrors: [], rows, ready: false } };
}

function columnOf(error: string): AccountCsvColumn {
  return error === "name-taken" ? "name" : "owner_email";
}

export function withoutAccounts({ fileErrors, rows, ready }: ImportPreview): ImportPreview {
  return { fileErrors, rows, ready };
}
