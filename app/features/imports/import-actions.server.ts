import { json } from "@remix-run/node";
import { noteAudit, skipAudit } from "~/features/audit/audit-scope.server";
import type { Db } from "~/utils/db.server";
import { formFields } from "~/utils/form.server";
import type { ImportReply } from "./account-import";
import { commitAccountImport, previewAccountImport, withoutAccounts } from "./account-import.server";

/**
 * "preview" reads the uploaded file and writes nothing; "commit" takes the
 * file's text back from the preview's hidden field and checks it all again.
 */
export async function importAction(request: Request, db: Db) {
  const fields = await formFields(request);
  const text = await fileText(fields.intent === "preview" ? fields.file : fields.csv);
  if (text === null || (fields.intent !== "preview" && fields.intent !== "commit")) {
    skipAudit();
    return json<ImportReply>({ intent: "invalid", preview: null, csv: null }, { status: 400 });
  }
  if (fields.intent === "preview") {
    skipAudit();
    const preview = withoutAccounts(await previewAccountImport(db, text));
    return json<ImportReply>({ intent: "preview", preview, csv: text }, { status: preview.ready ? 200 : 400 });
  }
  const outcome = await commitAccountImport(db, text);
  if (!outcome.ok) {
    skipAudit();
    return json<ImportReply>({ intent: "commit", created: 0, preview: outcome.preview, csv: text }, { status: 400 });
  }
  noteAudit({ objectType: "account", detail: { imported: outcome.ids.length } });
  return json<ImportReply>({ intent: "commit", created: outcome.ids.length, preview: null, csv: null });
}

async function fileText(value: unknown): Promise<string | null> {
  if (typeof value === "string") return value;
  if (value instanceof Blob) return new TextDecoder("utf-8").decode(await value.arrayBuffer());
  return null;
}
