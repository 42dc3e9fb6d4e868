import { z } from "zod";

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
  // Where to go afterwards is a convenience: a bad value falls back, it never fails the form.
  redirectTo: z.string().optional().catch(undefined),
});

export const LocaleSchema = z.object({
  locale: z.enum(["en", "zh-CN"]),
  redirectTo: z.string().optional().catch(undefined),
});

/** Longest redirect target followed; longer ones fall back. */
export const MAX_REDIRECT_LENGTH = 2048;
const PROBE_ORIGIN = "https://redirect.keyroom.invalid";
/**
 * Raw or percent-encoded C0 controls, DEL and backslashes: browsers drop tabs
 * and newlines and read `\` as `/`, which turns `/%09/evil.example` or
 * `/\evil.example` into `//evil.example`; CR, LF and NUL also break the header.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\x00-\x1f\x7f\\]|%(?:[01][0-9a-f]|7f|5c)/i;

/**
 * Only a path on this site (open redirect): the value must start with a single
 * `/`, and resolved by the WHATWG URL parser (as a browser would) it must stay
 * on the same origin with a path that does not start with `//` (dot segments
 * can produce one: `/..//evil.example`). Returns the parser's serialization,
 * which is ASCII and safe in a Location header, or the fallback.
 */
export function safeRedirect(to: unknown, fallback = "/accounts"): string {
  if (typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH) return fallback;
  if (!to.startsWith("/") || to[1] === "/" || to[1] === "\\" || UNSAFE.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith("//")) return fallback;
  const out = url.pathname + url.search + url.hash;
  return out.length <= MAX_REDIRECT_LENGTH ? out : fallback;
}

/** Shortest password a person may choose (invitation, reset): long enough to resist guessing offline. */
export const NEW_PASSWORD_MIN = 10;
/** The same ceiling sign-in accepts, so every chosen password can be typed at the login form. */
export const NEW_PASSWORD_MAX = 200;

/** A chosen password, typed twice. Messages are keys of the admin namespace, where these pages live. */
export const NewPasswordSchema = z
  .object({
    password: z
      .string()
      .min(NEW_PASSWORD_MIN, { message: "admin.error.passwordShort" })
      .max(NEW_PASSWORD_MAX, { message: "admin.error.passwordLong" }),
    confirm: z.string().max(NEW_PASSWORD_MAX),
  })
  .refine((value) => value.password === value.confirm, { path: ["confirm"], message: "admin.error.passwordMismatch" });
