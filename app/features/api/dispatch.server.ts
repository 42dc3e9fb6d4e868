import { createHash } from "node:crypto";
import type { z } from "zod";
import { userFromAuthorization } from "~/features/api-tokens/api-token.server";
import type { Services } from "~/utils/services.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { log } from "../../../server/lib/logger";
import { ApiError, fromWorkflowError, invalidRequest } from "./api-error.server";
import type { ErrorSchema } from "./api-schemas";
import type { ApiOperation, HttpMethod } from "./operation.server";
import { operations } from "./operations.server";
import { takeRequest } from "./rate-limit.server";

/** Largest JSON body the API reads; the bulk KPI upsert is the biggest legitimate one by far. */
export const MAX_API_BODY_BYTES = 256 * 1024;

interface Route {
  operation: ApiOperation;
  pattern: RegExp;
  names: string[];
}

const routes: Route[] = operations.map((operation) => {
  const names: string[] = [];
  // Our paths hold no regex syntax besides their {parameters}.
  const source = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { operation, pattern: new RegExp(`^${source}$`), names };
});

/** The operation for a method and a path below /api/v1 (with its path parameters), or why none. */
function match(method: string, path: string) {
  const onPath = routes
    .map((route) => ({ route, found: route.pattern.exec(path) }))
    .filter((entry) => entry.found !== null);
  if (onPath.length === 0) throw new ApiError(404, "not_found", "No such endpoint");
  const wanted = (method === "HEAD" ? "get" : method.toLowerCase()) as HttpMethod;
  const hit = onPath.find((entry) => entry.route.operation.method === wanted);
  if (!hit) {
    const allow = onPath.map((entry) => entry.route.operation.method.toUpperCase()).join(", ");
    throw new ApiError(405, "method_not_allowed", `Use ${allow} here`, undefined, { Allow: allow });
  }
  const raw = Object.fromEntries(hit.route.names.map((name, i) => [name, safeDecode(hit.found?.[i + 1] ?? "")]));
  return { operation: hit.route.operation, rawParams: raw };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_API_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_API_BODY_BYTES) throw tooLarge();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_request", "The body is not valid JSON", [
      { path: "body", message: "Invalid JSON" },
    ]);
  }
}

// The rest of the body is never read: the connection closes rather than carry it into the next request.
const tooLarge = () =>
  new ApiError(413, "payload_too_large", `Request body over ${MAX_API_BODY_BYTES} bytes`, undefined, {
    Connection: "close",
  });

/** Authenticates, limits, validates and runs the operation; its answer or the refusal, never a stack. */
async function run(request: Request, services: Services, path: string): Promise<Response> {
  const { operation, rawParams } = match(request.method, path);
  const auth = await userFromAuthorization(services.db, request.headers.get("authorization"));
  if (!auth) {
    throw new ApiError(401, "unauthorized", "A valid API token is required", undefined, {
      "WWW-Authenticate": 'Bearer realm="keyroom"',
    });
  }
  const wait = takeRequest(auth.token.id);
  if (wait > 0) {
    throw new ApiError(429, "rate_limited", "Too many requests for this token", undefined, {
      "Retry-After": String(wait),
    });
  }
  if (operation.writes && auth.token.scope !== "write") {
    throw new ApiError(403, "read_only_token", "This token may only read");
  }
  const params = operation.params ? operation.params.safeParse(rawParams) : { success: true as const, data: {} };
  if (!params.success) throw invalidRequest("path", params.error);
  const url = new URL(request.url);
  const rawQuery = Object.fromEntries(url.searchParams);
  const query = operation.query ? operation.query.safeParse(rawQuery) : { success: true as const, data: {} };
  if (!query.success) throw invalidRequest("query", query.error);
  let body: unknown = undefined;
  if (operation.body) {
    const parsed = operation.body.safeParse(await readJsonBody(request));
    if (!parsed.success) throw invalidRequest("body", parsed.error);
    body = parsed.data;
  }
  const result = await operation.handler({
    services,
    user: auth.user,
    token: auth.token,
    params: params.data,
    query: query.data,
    body,
  });
  if (operation.produces === "markdown") {
    return withETag(request, String(result), "text/markdown; charset=utf-8", operation.status);
  }
  return withETag(request, JSON.stringify(result), "application/json; charset=utf-8", operation.status);
}

/** Reads get an ETag of their body; a client that has it already gets 304 and no body. */
function withETag(request: Request, text: string, contentType: string, status: number): Response {
  const headers = new Headers({ "Content-Type": contentType });
  if (request.method === "GET" || request.method === "HEAD") {
    const etag = `"${createHash("sha256").update(text).digest("base64url")}"`;
    headers.set("ETag", etag);
    if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  }
  return new Response(text, { status, headers });
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

export function errorResponse(error: ApiError): Response {
  const body: z.input<typeof ErrorSchema> = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...error.headers },
  });
}

/**
 * Serves one request to /api/v1/<path>. Only a Bearer token authenticates:
 * cookies are ignored, so a page on another site cannot make a signed-in
 * browser call the API (no CSRF surface).
 */
export async function dispatchApi(request: Request, services: Services, path: string): Promise<Response> {
  try {
    return await run(request, services, `/${path.replace(/^\/+|\/+$/g, "")}`);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    if (error instanceof WorkflowError) return errorResponse(fromWorkflowError(error));
    log.error("api: request failed", {
      requestId: request.headers.get("x-request-id") ?? "",
      method: request.method,
      path,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : "",
    });
    return errorResponse(new ApiError(500, "internal_error", "Something went wrong on our side"));
  }
}
