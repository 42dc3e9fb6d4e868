import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { FormMessage, SelectField, TextField, useSubmitting } from "./admin-fields";
import { refusalFor, type AdminReply } from "./admin-reply";
import { DEPARTMENT_COLORS } from "./departments.schema";

interface DepartmentRow {
  id: string;
  key: string;
  name: string;
  nameZh: string;
  color: string;
  archivedAt: string | null;
  people: number;
}

type Reply = AdminReply<{ id: string }>;

/** Departments: add one, rename, archive and bring back. */
export function DepartmentsPage() {
  const { departments } = useLoaderData<{ departments: DepartmentRow[] }>();
  const reply = useActionData<Reply>();
  const t = useT();
  return (
    <div className="admin__sections">
      <AddDepartment reply={reply} />
      <section className="card" aria-labelledby="departments-heading">
        <h2 id="departments-heading">{t("admin.departments.title")}</h2>
        {departments.length === 0 ? <p className="muted">{t("admin.departments.none")}</p> : null}
        <ul className="admin__list">
          {departments.map((department) => (
            <DepartmentItem key={department.id} department={department} reply={reply} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function ColourChoice({ name, error }: { name: string; error?: string }) {
  const t = useT();
  return (
    <fieldset
      className="admin__colours"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? "department-color-error" : undefined}
    >
      <legend>{t("admin.departments.color")}</legend>
      {DEPARTMENT_COLORS.map((color, index) => (
        <label key={color} className="admin__colour" title={color}>
          <input type="radio" name={name} value={color} defaultChecked={index === 0} />
          <span className="admin__swatch" style={{ background: color }} />
          <span className="visually-hidden">{t("admin.departments.colorN", { n: index + 1, hex: color })}</span>
        </label>
      ))}
      {error ? (
        <span id="department-color-error" className="form-error">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

function AddDepartment({ reply }: { reply: Reply | undefined }) {
  const t = useT();
  const failed = refusalFor(reply, "add");
  const made = reply?.ok && reply.intent === "add" ? reply : null;
  return (
    <section className="card" aria-labelledby="add-department-heading">
      <h2 id="add-department-heading">{t("admin.departments.add.title")}</h2>
      <Form method="post" className="admin__form" key={made?.id}>
        <input type="hidden" name="intent" value="add" />
        <div className="admin__grid">
          <TextField
            id="department-key"
            name="key"
            label={t("admin.departments.key")}
            required
            pattern="[a-z0-9_\-]{1,40}"
            autoComplete="off"
            aria-describedby="department-key-hint"
            error={failed?.fieldErrors.key}
          />
          <TextField
            id="department-name"
            name="name"
            label={t("admin.departments.name")}
            required
            maxLength={80}
            error={failed?.fieldErrors.name}
          />
          <TextField
            id="department-nameZh"
            name="nameZh"
            label={t("admin.departments.nameZh")}
            required
            maxLength={80}
            lang="zh-CN"
            error={failed?.fieldErrors.nameZh}
          />
        </div>
        <p id="department-key-hint" className="muted small">
          {t("admin.departments.keyHint")}
        </p>
        <ColourChoice name="color" error={failed?.fieldErrors.color} />
        <FormMessage error={failed?.error} done={made ? t("admin.departments.added", { key: made.id ?? "" }) : null} />
        <button type="submit" className="button button--primary" disabled={useSubmitting("add")}>
          {t("admin.departments.add.submit")}
        </button>
      </Form>
    </section>
  );
}

function DepartmentItem({ department, reply }: { department: DepartmentRow; reply: Reply | undefined }) {
  const t = useT();
  const prefix = `department-${department.key}`;
  const renaming = useSubmitting("rename", department.key);
  const failed = refusalFor(reply, "rename", department.key) ?? refusalFor(reply, "archive", department.key);
  const renamed = reply?.ok && reply.intent === "rename" && reply.id === department.key;
  const archived = department.archivedAt !== null;
  return (
    <li className={`admin__row admin__row--wrap${archived ? " admin__row--archived" : ""}`}>
      <div className="admin__row-main">
        <span className="admin__swatch" style={{ background: department.color }} aria-hidden="true" />{" "}
        <strong>{department.name}</strong> · <span lang="zh-CN">{department.nameZh}</span>{" "}
        <code className="small">{department.key}</code>
        {archived ? <span className="badge badge--muted">{t("admin.archived")}</span> : null}
        <div className="muted small">{t("admin.departments.people", { count: department.people })}</div>
      </div>
      <Form method="post" className="admin__inline-form">
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" name="id" value={department.key} />
        <input type="hidden" name="key" value={department.key} />
        <TextField
          id={`${prefix}-name`}
          name="name"
          label={t("admin.departments.name")}
          defaultValue={department.name}
          required
          maxLength={80}
          error={failed?.fieldErrors.name}
        />
        <TextField
          id={`${prefix}-nameZh`}
          name="nameZh"
          label={t("admin.departments.nameZh")}
          defaultValue={department.nameZh}
          required
          maxLength={80}
          lang="zh-CN"
          error={failed?.fieldErrors.nameZh}
        />
        <SelectField id={`${prefix}-color`} name="color" label={t("admin.departments.color")} defaultValue="">
          <option value="">{t("admin.departments.keepColor")}</option>
          {DEPARTMENT_COLORS.map((color, index) => (
            <option key={color} value={color}>
              {t("admin.departments.colorN", { n: index + 1, hex: color })}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button" disabled={renaming}>
          {t("admin.departments.rename")}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value={archived ? "unarchive" : "archive"} />
        <input type="hidden" name="id" value={department.key} />
        <input type="hidden" name="key" value={department.key} />
        <button type="submit" className="button">
          {archived ? t("admin.unarchive") : t("admin.archive")}
        </button>
      </Form>
      <FormMessage error={failed?.error} done={renamed ? t("admin.users.saved") : null} />
    </li>
  );
}
