import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Files SQLite keeps next to a database; a stale one would be replayed onto whatever file has that name. */
const SIDECARS = ["-wal", "-shm", "-journal"];

/** Pages per backup step: everything at once (better-sqlite3 caps the step at 2^31 - 1). */
const ALL_PAGES = 0x7fffffff;

/**
 * Writes a consistent copy of the database at `source` to `destination` (a new
 * file) with SQLite's online backup API. Safe while the server is running and
 * writing: in WAL mode the copy is read inside one read transaction, which
 * sees a single snapshot and does not block the server's writer. The copy is
 * checked with `PRAGMA integrity_check` and only then appears under its name.
 */
export async function backupDatabase(source: string, destination: string): Promise<{ bytes: number; pages?: number }> {
  if (!fs.existsSync(source)) throw new Error(`Database file not found: ${source}`);
  if (fs.existsSync(destination)) throw new Error(`Refusing to overwrite ${destination}: it already exists`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  let pages: number;
  try {
    pages = await copyVerified(source, destination);
  } catch (err) {
    throw new Error(`Backup of ${source} failed: ${reason(err)}`, { cause: err });
  }
  return { bytes: fs.statSync(destination).size, pages };
}

/**
 * Replaces the database at `target` with the backup file `backup`. The backup
 * is copied next to the target and checked first, so a missing or corrupt
 * backup leaves the target untouched; the swap is one atomic rename.
 *
 * The server must be stopped. A running server keeps the database open in WAL
 * mode, and SQLite deletes the `-wal` file only when the last connection
 * closes: if the target's `-wal` file survives opening and closing it here,
 * another process still has it open, and the restore is refused.
 */
export async function restoreDatabase(backup: string, target: string): Promise<void> {
  if (!fs.existsSync(backup)) throw new Error(`Backup file not found: ${backup}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staged = `${target}.restore-${process.pid}.tmp`;
  try {
    await copyVerified(backup, staged);
  } catch (err) {
    throw new Error(`Refusing to restore ${backup}: ${reason(err)}. ${target} was not changed.`, { cause: err });
  }
  try {
    assertNotInUse(target);
    // The old file's -wal would otherwise be replayed onto the restored file and corrupt it.
    for (const suffix of SIDECARS) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(staged, target);
    syncDirectory(path.dirname(target));
  } catch (err) {
    removeWithSidecars(staged);
    throw err;
  }
}

/**
 * Online-backs up `source` into a temporary file beside `destination`, checks
 * it, makes it a self-contained rollback-journal file, and renames it into
 * place, so `destination` only ever holds a complete, verified copy.
 * Returns the page count.
 */
async function copyVerified(source: string, destination: string): Promise<number> {
  const partial = `${destination}.partial-${process.pid}`;
  removeWithSidecars(partial);
  try {
    // Read-write (though it never writes): a read-only connection leaves empty -wal/-shm files behind.
    const db = new Database(source, { fileMustExist: true, timeout: 5000 });
    let pages: number;
    try {
      // One step copies every page in one read transaction: a single snapshot. Small steps would
      // restart from page 1 whenever the server commits in between, and might never finish.
      ({ totalPages: pages } = await db.backup(partial, { progress: () => ALL_PAGES }));
    } finally {
      db.close();
    }
    const copy = new Database(partial, { fileMustExist: true });
    try {
      checkIntegrity(copy);
      // The copy inherits WAL mode from the live file; a backup should be one file that needs no -wal.
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    fs.renameSync(partial, destination);
    syncDirectory(path.dirname(destination));
    return pages;
  } catch (err) {
    removeWithSidecars(partial);
    throw err;
  }
}

/** Throws unless `PRAGMA integrity_check` says exactly "ok" (badly damaged files make it throw instead). */
function checkIntegrity(db: Database.Database): void {
  let result: string[];
  try {
    result = db.prepare("PRAGMA integrity_check").pluck().all() as string[];
  } catch (err) {
    throw new Error(`PRAGMA integrity_check failed: ${reason(err)}`, { cause: err });
  }
  if (result.length !== 1 || result[0] !== "ok") {
    const problems = result.slice(0, 5).join("; ").replace(/\s+/g, " ");
    throw new Error(`PRAGMA integrity_check reported: ${problems}`);
  }
}

function assertNotInUse(target: string): void {
  if (!fs.existsSync(target)) return;
  try {
    const db = new Database(target, { fileMustExist: true, timeout: 1000 });
    try {
      db.prepare("SELECT count(*) FROM sqlite_schema").get();
    } finally {
      db.close(); // As the last connection, this folds a crashed server's -wal in and deletes it.
    }
  } catch {
    // The current file is unreadable (maybe why it is being restored); a -wal file is then the only hint.
  }
  if (fs.existsSync(`${target}-wal`)) {
    throw new Error(
      `${target} is still open elsewhere (is the Keyroom server running?). Stop the server, then run the restore again.`,
    );
  }
}

/** Makes a rename durable across a power loss; not every platform can open a directory. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Best effort (Windows cannot fsync a directory).
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function removeWithSidecars(file: string): void {
  for (const suffix of ["", ...SIDECARS]) fs.rmSync(file + suffix, { force: true });
}

function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // better-sqlite3's own wording for a file that is not SQLite at all.
  return message === "file is not a database" ? "not a SQLite database (file is not a database)" : message;
}
