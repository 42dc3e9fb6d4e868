import { z } from "zod";

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
  redirectTo: z.string().optional(),
});

export const LocaleSchema = z.object({
  locale: z.enum(["en", "zh-CN"]),
  redirectTo: z.string().optional(),
});

/** Only same-site paths: never an absolute or protocol-relative URL (open redirect). */
export function safeRedirect(to: string | undefined | null, fallback = "/accounts"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
