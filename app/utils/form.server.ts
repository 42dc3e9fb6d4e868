/**
 * The request's form fields, or none when the body is not a form (JSON,
 * garbage): the action's schema then refuses it with 400 instead of a 500.
 */
export async function formFields(request: Request): Promise<Record<string, FormDataEntryValue>> {
  try {
    return Object.fromEntries(await request.formData());
  } catch {
    return {};
  }
}
