import { z } from "zod";

/**
 * The JSON API's shared shapes, used by the dispatcher, every operation and the
 * OpenAPI document alike (app/features/api). Pure, so the reference page and
 * the tests load it too.
 */

export const API_ERROR_CODES = [
  "invalid_request",
  "unauthorized",
  "read_only_token",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal_error",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** One error shape for every refusal: a stable code, English text, and what failed where. */
export const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=` of every list; the cursor is opaque to clients. */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(400).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** A page of a list: its items in a stable order, and the cursor of the next page (null on the last). */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** `?archived=true` style flags: only the words, so a typo is refused rather than read as false. */
export const booleanFlag = z.enum(["true", "false"]).transform((value) => value === "true");

export const isoDateTime = z.string().datetime({ offset: true });
