import { json, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { requestLocale } from "~/features/auth/locale.server";
import { requireAdmin } from "~/features/auth/guards.server";
import type { Locale, MessageKey } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { formFields } from "~/utils/form.server";
import type { AdminReply } from "./admin-reply";

type Fields = Awaited<ReturnType<typeof formFields>>;

/** An admin action's start: the admin (anyone else gets 404), their language and the form. */
export async function adminAction(request: Request, context: AppLoadContext, lists: readonly string[] = []) {
  const admin = await requireAdmin(request, context);
  const locale = await requestLocale(request, admin.locale);
  const fields: Fields = await formFields(request, { lists });
  return { admin, locale, fields, intent: typeof fields.intent === "string" ? fields.intent : "" };
}

/**
 * Schemas name their problems with message keys (`admin.error.*`, `kpis.define.error.*`), so one
 * refusal carries the admin's language whichever field failed; a problem zod names in its own
 * words reads as "invalid".
 */
export function fieldErrorsOf(locale: Locale, error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (out[field]) continue;
    const said = translate(locale, issue.message as MessageKey);
    out[field] = said !== issue.message ? said : translate(locale, "admin.error.invalid");
  }
  return out;
}

/** A 400 (or other) refusal: messages per field, or one for the whole form. */
export function refuse(
  intent: string,
  locale: Locale,
  problem: {
    fieldErrors?: Record<string, string>;
    error?: MessageKey;
    vars?: Record<string, string | number>;
    objectId?: string;
  },
  status = 400,
) {
  return json<AdminReply>(
    {
      ok: false,
      intent,
      objectId: problem.objectId ?? null,
      error: problem.error ? translate(locale, problem.error, problem.vars) : null,
      fieldErrors: problem.fieldErrors ?? {},
    },
    { status },
  );
}

/** Parses the form with `schema`, or answers the 400 with its field errors. */
export function parseOr400<S extends z.ZodTypeAny>(
  schema: S,
  fields: Fields,
  intent: string,
  locale: Locale,
): { data: z.infer<S> } | { refusal: ReturnType<typeof refuse> } {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return { data: parsed.data as z.infer<S> };
  return { refusal: refuse(intent, locale, { fieldErrors: fieldErrorsOf(locale, parsed.error) }) };
}
