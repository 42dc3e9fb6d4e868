import type { ZodError } from "zod";
import { type WorkflowError } from "~/utils/workflow-error.server";
import type { ApiErrorCode } from "./api-schemas";

/** A refusal an operation or the dispatcher answers with, in the API's one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = () => new ApiError(404, "not_found", "No such resource, or not yours to see");

/** Zod's issues as `{ path, message }`: where in the request, and what is wrong there. */
export function invalidRequest(where: "path" | "query" | "body", error: ZodError): ApiError {
  const details = error.issues.map((issue) => ({ path: [where, ...issue.path].join("."), message: issue.message }));
  return new ApiError(400, "invalid_request", `Invalid ${where === "path" ? "path parameters" : where}`, details);
}

const WORKFLOW_CODES: Record<WorkflowError["status"], ApiErrorCode> = {
  400: "invalid_request",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
};

/** A domain command's refusal (WorkflowError) as the API answers it, its message in English. */
export function fromWorkflowError(error: WorkflowError): ApiError {
  return new ApiError(error.status, WORKFLOW_CODES[error.status], error.messageIn("en"));
}
