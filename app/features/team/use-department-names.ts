import { useRouteLoaderData } from "@remix-run/react";

/**
 * Department names by key in the reader's language, from the signed-in
 * layout: notifications and feed entries store keys, people read names.
 */
export function useDepartmentNames(): Record<string, string> {
  const data = useRouteLoaderData("routes/_workspace") as { departmentNames?: Record<string, string> } | undefined;
  return data?.departmentNames ?? {};
}
