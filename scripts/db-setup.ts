/**
 * `npm run db:setup`: brings the database up to date and seeds the demo
 * workspace into an empty one. On SQLite, Prisma's own `migrate deploy`; on
 * PostgreSQL (DATABASE_URL) the seed's connection runs the committed
 * migrations itself (server/postgres/migrate.ts).
 */
import { execFileSync } from "node:child_process";

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: "inherit" });

if (!process.env.DATABASE_URL) run("npx", ["prisma", "migrate", "deploy"]);
run(process.execPath, ["--import", "tsx", "prisma/seed.ts"]);
