import { z } from "zod";

/** Every id the app hands out (cuid) matches; anything else is refused at the edge. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const IdSchema = z.string().regex(ID_PATTERN);
