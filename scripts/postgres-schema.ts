/**
 * PostgreSQL is the scale-out store (docs/decisions/017-scale-out.md); its
 * Prisma schema is generated from the SQLite one, so the two cannot drift.
 *
 *   tsx scripts/postgres-schema.ts            writes prisma/postgresql/schema.prisma
 *   tsx scripts/postgres-schema.ts --check    fails when that file or the PostgreSQL migrations are behind
 *   tsx scripts/postgres-schema.ts --migration <name>
 *                                             writes the SQL that brings the migrations up to the schema
 *   tsx scripts/postgres-schema.ts --client   generates the PostgreSQL Prisma client (npm's postinstall)
 *
 * `prisma migrate dev` needs a shadow database and `migrate deploy` cannot
 * run on PostgreSQL offline here, so the SQL comes from `prisma migrate diff`
 * between the schema the migrations last produced (`migrated.prisma`) and the
 * current one, and server/db/pg-migrate.ts applies it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCE = path.join("prisma", "schema.prisma");
const DIR = path.join("prisma", "postgresql");
const TARGET = path.join(DIR, "schema.prisma");
const MIGRATED = path.join(DIR, "migrated.prisma");
const MIGRATIONS = path.join(DIR, "migrations");

export function postgresSchema(sqlite: string): string {
  const swapped = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost/keyroom"')
    // Its own client beside @prisma/client, which stays the SQLite one.
    .replace(/(provider\s*=\s*"prisma-client-js")/, '$1\n  output     = "../../node_modules/.prisma/pg-client"');
  if (swapped === sqlite || !swapped.includes('"postgresql"') || !swapped.includes("pg-client")) {
    throw new Error(`${SOURCE}: its generator or datasource is not in the expected form`);
  }
  // Int is 64 bits in SQLite but 32 in PostgreSQL, where the update log's ids
  // (one per edit, never reused) would run out after two billion edits.
  const wide = swapped
    .replace(/(model DocUpdate \{\s*\n\s*id\s+)Int(\s)/, "$1BigInt$2")
    .replace(/(\n\s*lastUpdateId\s+)Int(\s)/, "$1BigInt$2");
  if ((wide.match(/BigInt/g) ?? []).length !== (swapped.match(/BigInt/g) ?? []).length + 2) {
    throw new Error(`${SOURCE}: DocUpdate.id or DocSnapshot.lastUpdateId is not in the expected form`);
  }
  return `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: edit that file, then run it.\n${wide}`;
}

function diff(from: string | null, to: string): string {
  const fromArgs = from ? ["--from-schema-datamodel", from] : ["--from-empty"];
  return execFileSync("npx", ["prisma", "migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

const CLIENT = path.join("node_modules", ".prisma", "pg-client");

/**
 * Generates the PostgreSQL client, then points it at @prisma/client's runtime
 * (the same version) instead of its own copy. With one runtime in the process,
 * the `Prisma.sql` fragments the app builds and the error classes it checks
 * (`Prisma.PrismaClientKnownRequestError`) are the same classes whichever
 * client runs: a fragment from another runtime is sent as a value, not as SQL.
 */
function generateClient(): void {
  execFileSync("npx", ["prisma", "generate", "--schema", TARGET], { stdio: "inherit" });
  for (const file of fs.readdirSync(CLIENT)) {
    if (!/\.(js|d\.ts)$/.test(file)) continue;
    const full = path.join(CLIENT, file);
    const text = fs.readFileSync(full, "utf8");
    const linked = text.replaceAll("./runtime/", "@prisma/client/runtime/");
    if (linked !== text) fs.writeFileSync(full, linked);
  }
}

function main(args: string[]): number {
  const schema = postgresSchema(fs.readFileSync(SOURCE, "utf8"));
  if (args[0] === "--check") {
    const problems: string[] = [];
    if (!fs.existsSync(TARGET) || fs.readFileSync(TARGET, "utf8") !== schema) {
      problems.push(`${TARGET} is behind ${SOURCE}: run \`tsx scripts/postgres-schema.ts\``);
    } else if (!fs.existsSync(MIGRATED) || fs.readFileSync(MIGRATED, "utf8") !== schema) {
      problems.push(`the PostgreSQL migrations are behind: run \`tsx scripts/postgres-schema.ts --migration <name>\``);
    }
    for (const problem of problems) console.error(problem);
    return problems.length === 0 ? 0 : 1;
  }
  if (args[0] === "--client") {
    generateClient();
    return 0;
  }
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(TARGET, schema);
  if (args[0] === "--migration") {
    const name = args[1];
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("--migration needs a name in snake_case");
    const sql = diff(fs.existsSync(MIGRATED) ? MIGRATED : null, TARGET);
    if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
      console.log("the PostgreSQL migrations are up to date");
      return 0;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = path.join(MIGRATIONS, `${stamp}_${name}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "migration.sql"), sql);
    fs.writeFileSync(MIGRATED, schema);
    console.log(`wrote ${folder}/migration.sql`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
