/**
 * `npm run restore -- <file>`: replaces the configured database
 * (<DATA_DIR>/keyroom.db) with a backup. Stop the server first: the restore
 * refuses while the database is open elsewhere, and refuses a missing or
 * corrupt backup without touching the current database.
 */
import path from "node:path";
import { databaseFile } from "../server/data-paths";
import { restoreDatabase } from "../server/ops/backup";

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith("-")) {
    console.error("Usage: npm run restore -- <backup file>   (stop the server first)");
    return 2;
  }
  const backup = path.resolve(args[0]);
  const target = databaseFile();
  try {
    await restoreDatabase(backup, target);
    console.log(`Restored ${backup} into ${target}. Start the server to use it.`);
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
