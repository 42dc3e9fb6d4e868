import type { Locale, MessageKey } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";

/**
 * Field errors whose messages are i18n keys, as one sentence per field in the
 * reader's language. A message that is not one of `prefix`'s keys (zod's own
 * wording) reads as `fallback`.
 */
export function localizeFieldErrors(
  locale: Locale,
  errors: Partial<Record<string, string[]>>,
  prefix: string,
  fallback: MessageKey,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, keys] of Object.entries(errors)) {
    const key = keys?.[0];
    if (key) out[field] = translate(locale, (key.startsWith(prefix) ? key : fallback) as MessageKey);
  }
  return out;
}
