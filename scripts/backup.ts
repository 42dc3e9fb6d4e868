/**
 * `npm run backup [-- <file>]`: a consistent copy of the database, taken
 * online (the server may keep running). Default destination:
 * <DATA_DIR>/backups/keyroom-<UTC timestamp>.db.
 */
import path from "node:path";
import { dataDir, databaseFile } from "../server/data-paths";
import { backupDatabase } from "../server/ops/backup";

async function main(args: string[]): Promise<number> {
  if (args.length > 1 || args[0]?.startsWith("-")) {
    console.error("Usage: npm run backup [-- <file>]");
    return 2;
  }
  // ISO 8601 in UTC, with ":" replaced so the name is valid on every filesystem.
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");
  const destination = path.resolve(args[0] ?? path.join(dataDir(), "backups", `keyroom-${stamp}.db`));
  try {
    const { bytes } = await backupDatabase(databaseFile(), destination);
    console.log(`Backed up ${databaseFile()} to ${destination} (${bytes} bytes, integrity check ok)`);
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
