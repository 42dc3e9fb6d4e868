import { createHash, randomBytes } from "node:crypto";

/** 192 random bits, URL-safe: never guessed, and never stored (only its hash is). */
export function newOneTimeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Tokens are 32 base64url characters; anything else is refused before the database is asked. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(token);
}

/** Where a one-time link points: the configured public address, else the request's own origin. */
export function linkOrigin(request: Request, publicUrl: string | undefined): string {
  return (publicUrl ?? new URL(request.url).origin).replace(/\/$/, "");
}
