import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable, json } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { log } from "../server/lib/logger";
import { RequestIdContext } from "./root";

const ABORT_DELAY = 5_000;

/**
 * Remix's default Node entry, with the response's CSP nonce given to every
 * inline script Remix writes. Pages are sent once complete (no deferred data
 * here), which also suits crawlers.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.requestFacts?.cspNonce;
  const requestId = request.headers.get("X-Request-Id") ?? undefined;
  const context =
    responseStatusCode >= 400 && remixContext.serverHandoffString
      ? { ...remixContext, serverHandoffString: withoutRouterErrorText(remixContext.serverHandoffString) }
      : remixContext;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RequestIdContext.Provider value={requestId}>
          <RemixServer context={context} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RequestIdContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell rejects above and are logged by handleError.
          if (shellRendered) logError(request, error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Unexpected errors in loaders, actions and rendering: logged in full with the
 * request id the error page and `X-Request-Id` show. Expected refusals (404,
 * 403 and the like) are logged by the server's error-response line.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  logError(request, error);
};

/**
 * A loader or action that threw answers a data request with a fixed message
 * and the request id: Remix's own body carries the error's message and stack
 * outside production mode.
 */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (response.headers.get("X-Remix-Error") !== "yes") return response;
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return json(
    { message: "Unexpected Server Error", requestId: request.headers.get("X-Request-Id") ?? "" },
    { status: response.status, headers },
  );
};

/**
 * The state handed to the browser carries the router's own text for a URL
 * nothing matches or a method a route does not take ("Error: No route matches
 * URL …"): the error page needs only the status.
 */
function withoutRouterErrorText(handoff: string): string {
  const parsed = JSON.parse(handoff) as { state?: { errors?: Record<string, unknown> | null } };
  let changed = false;
  for (const error of Object.values(parsed.state?.errors ?? {})) {
    if (isRouterError(error)) {
      error.data = error.statusText;
      changed = true;
    }
  }
  // The same escaping Remix applies: the string goes inside a <script>.
  return changed
    ? JSON.stringify(parsed).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    : handoff;
}

function isRouterError(error: unknown): error is { internal: true; data: unknown; statusText: string } {
  return typeof error === "object" && error !== null && (error as { internal?: unknown }).internal === true;
}

function logError(request: Request, error: unknown): void {
  log.error("remix: unexpected error", {
    requestId: request.headers.get("X-Request-Id") ?? "",
    method: request.method,
    path: new URL(request.url).pathname,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
}
