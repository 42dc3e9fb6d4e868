import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ErrorSchema } from "./api-schemas";
import type { ReferenceOperation } from "./reference";
import type { ApiOperation } from "./operation.server";
import { operations } from "./operations.server";

// The generator reads OpenAPI metadata the library adds to zod's prototype.
extendZodWithOpenApi(z);

const ERROR_RESPONSES: Record<string, string> = {
  "400": "Invalid request: `details` lists each problem with its path and message",
  "401": "No token, or one that is unknown, revoked, expired, or whose user is deactivated",
  "403": "Not allowed: a read-only token writing, or the user's role does not allow it",
  "404": "No such resource, or not the user's to see",
  "429": "Rate limited: retry after `Retry-After` seconds",
};
const WRITE_RESPONSES: Record<string, string> = {
  "409": "Conflict with the current state",
  "413": "Request body too large",
  "415": "Body is not application/json",
};

function register(registry: OpenAPIRegistry, operation: ApiOperation, error: z.ZodTypeAny): void {
  const errorContent = { "application/json": { schema: error } };
  const errors = { ...ERROR_RESPONSES, ...(operation.writes ? WRITE_RESPONSES : {}) };
  registry.registerPath({
    method: operation.method,
    path: `/api/v1${operation.path}`,
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description,
    tags: [operation.tag],
    security: [{ bearerAuth: [] }],
    request: {
      params: operation.params,
      query: operation.query,
      body: operation.body && { required: true, content: { "application/json": { schema: operation.body } } },
    },
    responses: {
      [operation.status]: {
        description: operation.status === 201 ? "Created" : "OK",
        content:
          operation.produces === "markdown"
            ? { "text/markdown": { schema: operation.response } }
            : { "application/json": { schema: operation.response } },
      },
      ...(operation.method === "get"
        ? { "304": { description: "Not modified (If-None-Match matched the ETag)" } }
        : {}),
      ...Object.fromEntries(
        Object.entries(errors).map(([status, description]) => [status, { description, content: errorContent }]),
      ),
    },
  });
}

let built: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the operation table's own schemas. */
export function openApiDocument(): ReturnType<OpenApiGeneratorV31["generateDocument"]> {
  if (built) return built;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A personal API token (`kr_…`), made under Settings → API tokens.",
  });
  const error = registry.register("Error", ErrorSchema);
  for (const operation of operations) register(registry, operation, error);
  built = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Keyroom API",
      version: "1.0.0",
      description:
        "Read and change what a user may see in Keyroom, with their personal API token. " +
        "Lists are paginated with `limit` and `cursor`; every GET has an ETag.",
    },
    servers: [{ url: "/" }],
  });
  return built;
}

interface DocumentedOperation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}

const schemaText = (schema: unknown) => (schema === undefined ? null : JSON.stringify(schema, null, 2));

/** The reference page's operations, in the document's order. */
export function referenceOperations(): ReferenceOperation[] {
  const paths = (openApiDocument().paths ?? {}) as Record<string, Record<string, DocumentedOperation>>;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      summary: op.summary ?? "",
      description: op.description ?? "",
      tag: op.tags?.[0] ?? "",
      parameters: (op.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required ?? false,
        schema: JSON.stringify(p.schema ?? {}),
      })),
      requestBody: op.requestBody ? schemaText(Object.values(op.requestBody.content)[0]?.schema) : null,
      responses: Object.entries(op.responses).map(([status, response]) => ({
        status,
        description: response.description,
        schema: schemaText(Object.values(response.content ?? {})[0]?.schema),
      })),
    })),
  );
}
