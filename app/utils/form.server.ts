import { noteIntent } from "~/features/audit/audit-scope.server";

/**
 * The request's form fields, or none when the body is not a form (JSON,
 * garbage): the action's schema then refuses it with 400 instead of a 500.
 */
export async function formFields(
  request: Request,
  { lists = [] }: { lists?: readonly string[] } = {},
): Promise<Record<string, FormDataEntryValue | FormDataEntryValue[]>> {
  try {
    const form = await request.formData();
    const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = Object.fromEntries(form);
    // Fields that repeat (a group of checkboxes) keep every value, not only the last.
    for (const name of lists) fields[name] = form.getAll(name);
    noteIntent(fields.intent);
    return fields;
  } catch {
    return {};
  }
}
