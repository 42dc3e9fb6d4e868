import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFile } from "./server/data-paths";

// The JS schema engine runs offline (no binary download); it drives migrations
// through the same better-sqlite3 adapter the app uses.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => {
    // A fresh clone has no data directory yet; SQLite creates the file, not its folder.
    fs.mkdirSync(path.dirname(databaseFile()), { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseFile() });
  },
});
