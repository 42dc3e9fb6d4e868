import { Prisma } from "@prisma/client";
import { SECRET_COLUMNS } from "~/utils/secret-columns.server";
import type { Db } from "~/utils/db.server";

/** A value no response may contain, and where it came from (for the failure message, never the value). */
export interface Secret {
  value: string;
  what: string;
}

/**
 * Every value of every column in SECRET_COLUMNS, read with raw SQL (the Prisma
 * client itself omits them). A password hash also yields its salt and hash
 * parts, so a page that shows only a piece of one is caught too.
 */
export async function readSecretColumns(db: Db): Promise<Secret[]> {
  const secrets: Secret[] = [];
  for (const [model, columns] of Object.entries(SECRET_COLUMNS)) {
    const table = model[0].toUpperCase() + model.slice(1);
    if (!Object.values<string>(Prisma.ModelName).includes(table)) throw new Error(`no table for model ${model}`);
    for (const column of Object.keys(columns)) {
      const rows = await db.$queryRawUnsafe<{ value: unknown }[]>(`SELECT "${column}" AS value FROM "${table}"`);
      for (const [index, { value }] of rows.entries()) {
        if (typeof value !== "string" || value === "") throw new Error(`${table}.${column}: not a string`);
        const what = `${table}.${column} (row ${index})`;
        secrets.push({ value, what });
        for (const part of value.split("$")) {
          if (part !== value && part.length >= 16) secrets.push({ value: part, what: `part of ${what}` });
        }
      }
    }
  }
  return secrets;
}

/** The secrets found in `text`, described without their values. */
export function leaksIn(text: string, secrets: readonly Secret[]): string[] {
  return secrets.filter((secret) => text.includes(secret.value)).map((secret) => secret.what);
}
