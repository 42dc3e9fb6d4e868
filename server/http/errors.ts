import { randomUUID } from "node:crypto";
import http from "node:http";
import type { Duplex } from "node:stream";
import type express from "express";
import { localeFromAcceptLanguage, type MessageKey } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { log } from "../lib/logger";

/**
 * Error responses tell the user what happened and give a reference to quote;
 * the details (message, stack, SQL, file paths) go to the log line carrying
 * the same request id, never to the client, whatever NODE_ENV says.
 */

/** Every request gets its own id, in `X-Request-Id` and in every log line about it. */
export function assignRequestId(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const id = randomUUID();
  res.locals.requestId = id;
  // Remix reads it from the request; a client's own value is replaced, never trusted.
  req.headers["x-request-id"] = id;
  res.setHeader("X-Request-Id", id);
  next();
}

export function requestIdOf(res: express.Response): string {
  return typeof res.locals.requestId === "string" ? res.locals.requestId : "";
}

/**
 * Remix builds each request's URL from the host: one the URL parser
 * refuses is the client's mistake (400), not a server error.
 */
export function refuseMalformedHost(req: express.Request, res: express.Response, next: express.NextFunction): void {
  // req.hostname is what Remix uses: the Host header, or X-Forwarded-Host behind a trusted proxy.
  if (URL.canParse(`http://${req.hostname}/`)) return next();
  log.warn("http: malformed Host refused", { requestId: requestIdOf(res) });
  sendError(req, res, 400, "bad_request", "Malformed Host header");
}

/** One log line per error response, whoever answered it (Express, Remix, a refusal). */
export function logErrorResponses(req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.on("finish", () => {
    if (res.statusCode < 400) return;
    const fields = { requestId: requestIdOf(res), method: req.method, path: req.path, status: res.statusCode };
    if (res.statusCode >= 500) log.error("http: error response", fields);
    else log.info("http: error response", fields);
  });
  next();
}

export type ErrorCode =
  | "bad_request"
  | "forbidden_origin"
  | "forbidden_site"
  | "length_required"
  | "too_large"
  | "headers_too_large"
  | "timeout"
  | "internal";

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string };
}

const PAGE_TEXT: Record<ErrorCode, "badRequest" | "tooLarge" | "crossSite" | "generic"> = {
  bad_request: "badRequest",
  length_required: "badRequest",
  timeout: "badRequest",
  too_large: "tooLarge",
  headers_too_large: "tooLarge",
  forbidden_origin: "crossSite",
  forbidden_site: "crossSite",
  internal: "generic",
};

/** The error page stands alone (the app's stylesheet may be what failed): a few inline rules. */
const ERROR_PAGE_STYLE = [
  "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC',sans-serif;color:#1f2937;background:#f6f8fb}",
  "main{max-width:32rem;margin:12vh auto;padding:0 1.25rem;text-align:center}",
  ".status{margin:0;font-size:2.75rem;font-weight:700;color:#1e3a8a}",
  "h1{margin:.25rem 0 .75rem;font-size:1.5rem}",
  "a{display:inline-block;margin-top:.5rem;padding:.5rem 1rem;border:1px solid #d1d5db;border-radius:.5rem;background:#fff;color:#1f2937;text-decoration:none}",
  ".ref{font-size:.85rem;color:#6b7280;word-break:break-all}",
].join("");

/**
 * Answers with an error: a small page for a browser's navigation, JSON for
 * everyone else (fetchers, scripts, API clients). `message` is ours, fixed
 * text: never an exception's message.
 */
export function sendError(
  req: express.Request,
  res: express.Response,
  status: number,
  code: ErrorCode,
  message: string,
): void {
  const requestId = requestIdOf(res);
  res.setHeader("Cache-Control", "no-store");
  if (req.accepts(["json", "html"]) === "html") {
    const locale = localeFromAcceptLanguage(req.headers["accept-language"] ?? null);
    const kind = PAGE_TEXT[code];
    const text = (key: MessageKey, vars?: Record<string, string>) => escapeHtml(translate(locale, key, vars));
    res
      .status(status)
      .type("html")
      .send(
        `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>${status} · Keyroom</title><style>${ERROR_PAGE_STYLE}</style></head>` +
          `<body><main role="alert"><p class="status">${status}</p>` +
          `<h1>${text(`error.${kind}.title`)}</h1><p>${text(`error.${kind}.body`)}</p>` +
          `<p class="ref">${text("error.reference", { id: requestId })}</p><p><a href="/accounts">${text("error.backHome")}</a></p>` +
          `</main></body></html>`,
      );
    return;
  }
  const body: ErrorBody = { error: { code, message, requestId } };
  res.status(status).json(body);
}

/**
 * The last middleware: whatever failed (a broken percent-escape in the path,
 * a Host the URL parser refuses, a bug) is logged in full with the request id
 * and answered with a plain error. Express's own handler would send the stack
 * with absolute paths unless NODE_ENV=production.
 */
export function handleErrors(
  error: unknown,
  req: express.Request,
  res: express.Response,
  // Express tells error handlers by their four parameters.
  _next: express.NextFunction,
): void {
  const status = clientErrorStatus(error) ?? 500;
  const fields = {
    requestId: requestIdOf(res),
    method: req.method,
    path: req.path,
    status,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
  if (status >= 500) log.error("http: request failed", { ...fields, stack: error instanceof Error ? error.stack : "" });
  else log.warn("http: request refused", fields);
  if (res.headersSent) {
    // Part of a response is out: all we can do is cut it short.
    res.destroy();
    return;
  }
  if (status === 413) sendError(req, res, status, "too_large", "Request body too large");
  else if (status >= 500) sendError(req, res, 500, "internal", "Something went wrong on our side");
  else sendError(req, res, status, "bad_request", "Malformed request");
}

/** The 4xx status an error carries (Express and its parsers set `status`), if any. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === "number" ? status : statusCode;
  return typeof value === "number" && value >= 400 && value < 500 ? value : undefined;
}

/**
 * Requests Node's parser refuses before Express sees them (headers over the
 * limit, a garbled request line, a timeout) get the same JSON answer and log
 * line as any other error, instead of Node's bare status line.
 */
export function answerClientErrors(server: http.Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const requestId = randomUUID();
    const [status, code]: [number, ErrorCode] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "headers_too_large"]
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "timeout"]
          : [400, "bad_request"];
    log.warn("http: malformed request refused", { requestId, status, reason: error.code ?? "unknown" });
    const body = JSON.stringify({
      error: { code, message: http.STATUS_CODES[status] ?? "Bad Request", requestId },
    } satisfies ErrorBody);
    socket.end(
      [
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ""}`,
        "Content-Type: application/json; charset=utf-8",
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        "X-Content-Type-Options: nosniff",
        "Cache-Control: no-store",
        "Connection: close",
        "",
        body,
      ].join("\r\n"),
    );
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
