/** One operation as the reference page shows it: read from the generated document, schemas as JSON text. */
export interface ReferenceOperation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: string }>;
  requestBody: string | null;
  responses: Array<{ status: string; description: string; schema: string | null }>;
}
