import { z } from "zod";

/** The currency a new account starts with (the workspace's home market). */
export const DEFAULT_CURRENCY = "CNY";

/** Currencies offered first in the account's currency picker; any ISO 4217 code Intl knows is accepted. */
export const COMMON_CURRENCIES = ["CNY", "USD", "EUR", "GBP", "JPY", "HKD", "SGD"] as const;

let known: Set<string> | undefined;

/** True for an ISO 4217 code this runtime can format (three capital letters, known to Intl). */
export function isCurrencyCode(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf("currency"));
  return /^[A-Z]{3}$/.test(code) && known.has(code);
}

/** A currency from a form or the API: trimmed, upper-cased, then checked against ISO 4217. */
export const CurrencySchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine(isCurrencyCode, { message: "account.currency.error.invalid" });
