import { Form, useNavigation } from "@remix-run/react";
import { useState, type ChangeEvent } from "react";
import { useLocale, useT } from "~/i18n/i18n";
import { KPI_IMPORT_LIMITS } from "~/features/kpis/kpi";
import type { KpiActionReply, KpiDefinitionView } from "~/features/kpis/kpi.schema";
import { kpiName } from "./format";

/**
 * CSV import: the text goes in the textarea, which is what is sent. A chosen
 * file is only read into it, so the team sees (and may fix) what they import.
 */
export function KpiImportForm({
  reply,
  definitions,
}: {
  reply: KpiActionReply | undefined;
  definitions: KpiDefinitionView[];
}) {
  const t = useT();
  const navigation = useNavigation();
  const [csv, setCsv] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "import";
  const failed = reply?.ok === false && reply.intent === "import" ? reply : null;

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    // The server refuses it anyway; saying so here spares an upload.
    if (file.size > KPI_IMPORT_LIMITS.maxBytes) {
      setFileError(t("kpis.import.error.tooLarge", { max: KPI_IMPORT_LIMITS.maxBytes / 1024 }));
      return;
    }
    setFileError(null);
    setCsv(await file.text());
  }

  return (
    <Form method="post" className="kpi-form" preventScrollReset>
      <input type="hidden" name="intent" value="import" />
      <p className="muted small">
        {t("kpis.import.help", { rows: KPI_IMPORT_LIMITS.maxRows, size: KPI_IMPORT_LIMITS.maxBytes / 1024 })}
      </p>
      <KpiKeys definitions={definitions} />
      <label className="field" htmlFor="kpi-csv-file">
        <span>{t("kpis.import.file")}</span>
        <input id="kpi-csv-file" type="file" accept=".csv,text/csv" onChange={readFile} />
      </label>
      {fileError ? (
        <p className="form-error" role="alert">
          {fileError}
        </p>
      ) : null}
      <label className="field" htmlFor="kpi-csv">
        <span>{t("kpis.import.text")}</span>
        <textarea
          id="kpi-csv"
          name="csv"
          rows={7}
          spellCheck={false}
          value={csv}
          onChange={(event) => setCsv(event.target.value)}
          placeholder={"quarter,kpi,value\n2026-Q2,csat,8.6\n2026-Q2,open_tickets,3"}
        />
      </label>
      {failed ? (
        <div role="alert">
          <p className="form-error">{failed.error}</p>
          {failed.report.length > 0 ? <ImportReport report={failed.report} /> : null}
        </div>
      ) : null}
      {reply?.ok && reply.intent === "import" ? (
        <p className="kpi-success" role="status">
          {t("kpis.import.done", { count: reply.imported })}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy || csv.trim() === ""}>
        {t("kpis.import.submit")}
      </button>
    </Form>
  );
}

/** The keys the `kpi` column accepts, so nobody has to guess them from the charts. */
function KpiKeys({ definitions }: { definitions: KpiDefinitionView[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="kpi-keys">
      <p className="small" id="kpi-keys-heading">
        {t("kpis.import.keys")}
      </p>
      <ul aria-labelledby="kpi-keys-heading" className="kpi-keys__list small">
        {definitions.map((definition) => (
          <li key={definition.key}>
            <code>{definition.key}</code> {kpiName(definition, locale)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What is wrong with the CSV, line by line. */
function ImportReport({ report }: { report: { line: number; problems: string[] }[] }) {
  const t = useT();
  return (
    <table className="data-table kpi-report">
      <caption className="visually-hidden">{t("kpis.import.reportCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("kpis.column.line")}</th>
          <th scope="col">{t("kpis.column.problem")}</th>
        </tr>
      </thead>
      <tbody>
        {report.map((entry) => (
          <tr key={entry.line}>
            <td>{entry.line}</td>
            <td>
              {entry.problems.map((problem) => (
                <div key={problem}>{problem}</div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
