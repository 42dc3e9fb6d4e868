import { randomBytes } from "node:crypto";
import type express from "express";

/**
 * Every response: a strict Content-Security-Policy (scripts only from here or
 * with this response's nonce, no plugins, no framing, forms post only here)
 * and the usual hardening headers. Inline style attributes stay allowed: the
 * editor and charts set colours and positions that way.
 *
 * The policy never echoes the request's Host header (a client chooses it):
 * `'self'` covers the same-origin ws/wss sockets in current browsers, and with
 * PUBLIC_URL set its WebSocket origin is named for older ones.
 */
export function securityHeaders(publicUrl: string | undefined): express.RequestHandler {
  const connectSrc = ["'self'", ...(publicUrl ? [webSocketOrigin(publicUrl)] : [])].join(" ");
  return (req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        `connect-src ${connectSrc}`,
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    // Customer data is not for search engines, whatever the page.
    res.setHeader("X-Robots-Tag", "noindex, nofollow");
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    next();
  };
}

/** `https://host:port` → `wss://host:port` (and http → ws). */
function webSocketOrigin(publicUrl: string): string {
  const url = new URL(publicUrl);
  return `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
}

/**
 * Pages, loader data and action answers may hold customer data or depend on
 * the session: no cache (browser, proxy, back-forward) keeps them. Set before
 * Remix answers; a route that sets its own Cache-Control adds to it, and
 * no-store still wins.
 */
export function noStore(_req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.setHeader("Cache-Control", "no-store");
  next();
}
