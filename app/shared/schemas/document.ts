import { z } from "zod";
import { DOC_KINDS, type DocKind } from "../doc-templates";

export const NewDocumentSchema = z.object({
  intent: z.literal("create-document"),
  kind: z.enum(DOC_KINDS as [DocKind, ...DocKind[]]),
  title: z.string().trim().min(1).max(160),
});
