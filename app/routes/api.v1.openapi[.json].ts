import { json } from "@remix-run/node";
import { openApiDocument } from "~/features/api/openapi.server";

/** The OpenAPI 3.1 document of /api/v1; public, it holds no data. */
export function loader() {
  return json(openApiDocument());
}
