import { z } from "zod";
import { DOC_KINDS, type TemplateDocKind } from "./doc-templates";
import { ClientIdSchema } from "~/shared/client-id";

export const NewDocumentSchema = z.object({
  intent: z.literal("create-document"),
  kind: z.enum(DOC_KINDS as [TemplateDocKind, ...TemplateDocKind[]]),
  title: z.string().trim().min(1).max(160),
  clientId: ClientIdSchema,
});
