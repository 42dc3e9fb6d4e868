import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new endpoint secret: 32 random bytes, recognisable by its prefix when it leaks into a log or a repository. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The `Keyroom-Signature` header for a body sent at `unixSeconds`: HMAC-SHA256
 * of "<t>.<body>" keyed with the whole secret string. The timestamp is signed
 * with the body so a receiver can refuse a captured delivery replayed later.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${digest}`;
}

/**
 * What a receiver does (docs/webhooks.md); the tests' receiver uses it. Refuses
 * a timestamp older than `toleranceSeconds` and compares in constant time.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(
    header.split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = signatureHeader(secret, body, t).split("v1=")[1] ?? "";
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
