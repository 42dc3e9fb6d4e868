import { z } from "zod";

/**
 * The id a form makes for what it creates (a UUID, or a page's UUID plus a
 * suffix per form), so a retried submit is recognised. Optional: clients that
 * send none create as before.
 */
export const ClientIdSchema = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/)
    .optional(),
);
