import type { AnyZodObject, z, ZodTypeAny } from "zod";
import type { SessionUser } from "~/features/auth/session.server";
import type { TokenScope } from "~/features/api-tokens/api-token.schema";
import type { Services } from "~/utils/services.server";

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

/** What a handler gets: the token's user and everything the request said, already validated. */
export interface ApiContext<P = unknown, Q = unknown, B = unknown> {
  services: Services;
  user: SessionUser;
  token: { id: string; scope: TokenScope };
  params: P;
  query: Q;
  body: B;
}

interface OperationSpec<P extends AnyZodObject, Q extends AnyZodObject, B extends ZodTypeAny, R extends ZodTypeAny> {
  method: HttpMethod;
  /** OpenAPI style, below /api/v1: `/accounts/{accountId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body's schema; for `produces: "markdown"` a string. */
  response: R;
  /** Success status (200 unless it creates). */
  status?: 200 | 201;
  produces?: "json" | "markdown";
  handler: (context: ApiContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.input<R>>;
}

/** One entry of the operation table: what the dispatcher serves and the OpenAPI document describes. */
export interface ApiOperation {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: AnyZodObject;
  query?: AnyZodObject;
  body?: ZodTypeAny;
  response: ZodTypeAny;
  status: 200 | 201;
  produces: "json" | "markdown";
  /** Writes need a write token and are audited. */
  writes: boolean;
  handler: (context: ApiContext) => Promise<unknown>;
}

/** Types a handler by its schemas, then forgets the types so operations fit in one table. */
export function operation<P extends AnyZodObject, Q extends AnyZodObject, B extends ZodTypeAny, R extends ZodTypeAny>(
  spec: OperationSpec<P, Q, B, R>,
): ApiOperation {
  return {
    ...spec,
    status: spec.status ?? 200,
    produces: spec.produces ?? "json",
    writes: spec.method !== "get",
    handler: spec.handler as (context: ApiContext) => Promise<unknown>,
  };
}
