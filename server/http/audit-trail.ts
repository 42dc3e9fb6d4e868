import type { RequestHandler } from "express";
import type { Db } from "~/utils/db.server";
import { runInAuditScope, type AuditScope } from "~/features/audit/audit-scope.server";
import { appendAudit, entryFor } from "~/features/audit/audit-log.server";
import { log } from "../lib/logger";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Logs every successful write made over HTTP, pages and API alike: the request
 * runs in an audit scope the handlers fill in (who, the form's intent, the
 * object they made), and once the answer is a success the scope becomes one
 * audit entry. Refused and failed requests changed nothing and leave none; an
 * anonymous success (nobody signed in) has no one to name and leaves none either.
 */
export function auditWrites(db: Db): RequestHandler {
  return (req, res, next) => {
    if (READS.has(req.method)) return next();
    const scope: AuditScope = {
      channel: req.path.startsWith("/api/") ? "api" : "web",
      ip: req.ip ?? null,
      note: {},
    };
    res.on("finish", () => {
      if (res.statusCode >= 400 || scope.skip || !scope.actor) return;
      appendAudit(db, entryFor(scope, req.path)).catch((error: unknown) => {
        log.error("audit: entry not written", { path: req.path, error: String(error) });
      });
    });
    runInAuditScope(scope, next);
  };
}
