import { z } from "zod";
import { SEARCH_KINDS } from "./search-results";

/** Longest search term: a phrase, not a document. */
export const MAX_QUERY = 100;

/** `/search?q=…&kind=…`: one kind asks for more of that kind only. */
export const SearchParams = z.object({
  q: z.string().trim().max(MAX_QUERY).catch(""),
  kind: z.enum(SEARCH_KINDS).optional().catch(undefined),
});
