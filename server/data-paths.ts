import path from "node:path";

/** Where Keyroom keeps its files: `DATA_DIR` (default ./data). */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? "data");
}

/** The SQLite database file inside the data directory. */
export function databaseFile(): string {
  return path.join(dataDir(), "keyroom.db");
}
