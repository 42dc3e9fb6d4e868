import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchema } from "../scripts/postgres-schema";

// One source of truth: the PostgreSQL schema and its migrations follow prisma/schema.prisma.
describe("the PostgreSQL schema", () => {
  const expected = postgresSchema(fs.readFileSync("prisma/schema.prisma", "utf8"));

  it("is generated from the SQLite schema (run `npm run db:postgres-schema` after editing it)", () => {
    expect(fs.readFileSync("prisma/postgresql/schema.prisma", "utf8")).toBe(expected);
  });

  it("is what its committed migrations build (run `npm run db:postgres-schema -- --migration <name>`)", () => {
    expect(fs.readFileSync("prisma/postgresql/migrated.prisma", "utf8")).toBe(expected);
  });

  it("differs from the SQLite schema only in its datasource, its client and the update log's 64-bit ids", () => {
    const models = (schema: string) => schema.slice(schema.indexOf("\nmodel "));
    const narrowed = models(expected)
      .replace(/(model DocUpdate \{\s*\n\s*id\s+)BigInt/, "$1Int")
      .replace(/(\n\s*lastUpdateId\s+)BigInt/, "$1Int");
    expect(narrowed).not.toBe(models(expected));
    expect(narrowed).toBe(models(fs.readFileSync("prisma/schema.prisma", "utf8")));
    expect(expected).toContain('provider = "postgresql"');
  });
});
