// The blocks on the approval page: what each step signs for, and which blocks changed since the approval.
import type { ReactNode } from "react";
import { numberFormat } from "~/components/intl";
import type {
  BlockChange,
  BlockChanges,
  BlockSet,
  InitiativeField,
  InitiativeFields,
  RightField,
  RightFields,
} from "~/features/blocks/block-changes";
import { countChanges } from "~/features/blocks/block-changes";
import { useLocale, useT, type Locale, type Translate } from "~/i18n/i18n";

interface Named {
  key: string;
  name: string;
  nameZh: string;
}

/** Department and KPI names for the keys blocks hold. */
export interface BlockNames {
  departments: Named[];
  kpis: Named[];
}

function nameOf(list: Named[], key: string, locale: Locale): string | null {
  const found = list.find((item) => item.key === key);
  if (!found) return key || null;
  return locale === "zh-CN" ? found.nameZh : found.name;
}

// A signer signs for the exact amount: cents are shown when there are any.
function money(amount: number, currency: string, locale: Locale): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  return numberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

const quarters = (b: InitiativeFields) =>
  b.endQuarter && b.endQuarter !== b.startQuarter ? `${b.startQuarter} – ${b.endQuarter}` : b.startQuarter;

function budget(b: InitiativeFields, t: Translate, locale: Locale): string {
  return b.budget === null ? t("approval.blocks.noBudget") : money(b.budget, b.currency, locale);
}

function kpiRule(b: RightFields, names: BlockNames, t: Translate, locale: Locale): string {
  if (!b.kpi) return t("approval.blocks.noKpi");
  const threshold = b.threshold === null ? "—" : numberFormat(locale, { maximumFractionDigits: 2 }).format(b.threshold);
  return `${nameOf(names.kpis, b.kpi, locale)} ${b.direction === "at_most" ? "≤" : "≥"} ${threshold}`;
}

function department(key: string, names: BlockNames, t: Translate, locale: Locale): string {
  return nameOf(names.departments, key, locale) ?? t("blocks.noDepartment");
}

const visibility = (internal: boolean, t: Translate) =>
  internal ? t("blocks.internal") : t("approval.blocks.customerFacing");

function initiativeValue(field: InitiativeField, b: InitiativeFields, names: BlockNames, t: Translate, locale: Locale) {
  switch (field) {
    case "title":
      return b.title || t("blocks.untitled");
    case "quarters":
      return quarters(b);
    case "department":
      return department(b.department, names, t, locale);
    case "budget":
      return budget(b, t, locale);
    case "status":
      return t(`blocks.status.${b.status}`);
    case "goal":
      return t(`blocks.goal.${b.goal}`);
    case "internal":
      return visibility(b.internal, t);
  }
}

function rightValue(field: RightField, b: RightFields, names: BlockNames, t: Translate, locale: Locale) {
  switch (field) {
    case "situation":
      return b.situation || "—";
    case "right":
      return b.right || t("blocks.untitled");
    case "department":
      return department(b.department, names, t, locale);
    case "rule":
      return kpiRule(b, names, t, locale);
    case "internal":
      return visibility(b.internal, t);
  }
}

/** One initiative's fields on a line, as the signer reads them. */
function InitiativeSummary({
  block,
  names,
  showDepartment,
}: {
  block: InitiativeFields;
  names: BlockNames;
  showDepartment: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <span className="signed-block__title">
        {block.title || t("blocks.untitled")}
        {block.internal ? <span className="badge signed-block__internal">{t("blocks.internal")}</span> : null}
      </span>
      <span className="signed-block__meta">
        <span>{quarters(block)}</span>
        <span className="signed-block__money">{budget(block, t, locale)}</span>
        <span className={`badge signed-status signed-status--${block.status}`}>
          {t(`blocks.status.${block.status}`)}
        </span>
        <span>{t(`blocks.goal.${block.goal}`)}</span>
        {showDepartment ? <span>{department(block.department, names, t, locale)}</span> : null}
      </span>
    </>
  );
}

function RightSummary({
  block,
  names,
  showDepartment,
}: {
  block: RightFields;
  names: BlockNames;
  showDepartment: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {block.situation ? <span className="signed-block__situation">{block.situation}</span> : null}
      <span className="signed-block__title">
        {block.right || t("blocks.untitled")}
        {block.internal ? <span className="badge signed-block__internal">{t("blocks.internal")}</span> : null}
      </span>
      <span className="signed-block__meta">
        <span>{kpiRule(block, names, t, locale)}</span>
        {showDepartment ? <span>{department(block.department, names, t, locale)}</span> : null}
      </span>
    </>
  );
}

/**
 * The initiatives and rights a step signs for in the round's version. Open
 * for the steps this person may sign now: that is what they are about to
 * approve.
 */
export function StepBlocks({
  blocks,
  names,
  departmentName,
  open,
  executive,
}: {
  blocks: BlockSet;
  names: BlockNames;
  departmentName: string;
  open: boolean;
  executive: boolean;
}) {
  const t = useT();
  const { initiatives, rights } = blocks;
  if (initiatives.length === 0 && rights.length === 0) {
    return (
      <p className="step-blocks step-blocks--empty">{t("approval.blocks.none", { department: departmentName })}</p>
    );
  }
  return (
    <details className="step-blocks" open={open}>
      <summary>
        {rights.length === 0
          ? t("approval.blocks.signsForInitiatives", { count: initiatives.length })
          : initiatives.length === 0
            ? t("approval.blocks.signsForRights", { count: rights.length })
            : t("approval.blocks.signsFor", { initiatives: initiatives.length, rights: rights.length })}
      </summary>
      {initiatives.length > 0 ? (
        <BlockList heading={t("approval.blocks.initiatives")}>
          {initiatives.map((block) => (
            <li key={block.blockId} className="signed-block" data-block={block.blockId}>
              <InitiativeSummary block={block} names={names} showDepartment={executive} />
            </li>
          ))}
        </BlockList>
      ) : null}
      {rights.length > 0 ? (
        <BlockList heading={t("approval.blocks.rights")}>
          {rights.map((block) => (
            <li key={block.blockId} className="signed-block" data-block={block.blockId}>
              <RightSummary block={block} names={names} showDepartment={executive} />
            </li>
          ))}
        </BlockList>
      ) : null}
    </details>
  );
}

function BlockList({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="step-blocks__group">
      <h4>{heading}</h4>
      <ul className="signed-blocks">{children}</ul>
    </div>
  );
}

/** The blocks added, removed and changed since the approved version, changed fields as old → new. */
export function BlockChangesList({ changes, names }: { changes: BlockChanges; names: BlockNames }) {
  const t = useT();
  const locale = useLocale();
  const counts = countChanges(changes);
  if (counts.added + counts.removed + counts.changed === 0) {
    return <p className="muted small">{t("approval.blocks.unchanged")}</p>;
  }
  return (
    <>
      <p className="muted small">{t("approval.blocks.changedSummary", counts)}</p>
      <ul className="block-changes">
        {changes.initiatives.map((change) => (
          <ChangeItem
            key={`i:${change.blockId}`}
            change={change}
            summary={(block) => <InitiativeSummary block={block} names={names} showDepartment />}
            label={(field) => t(`approval.field.${field}`)}
            value={(field, block) => initiativeValue(field, block, names, t, locale)}
            title={(block) => block.title || t("blocks.untitled")}
          />
        ))}
        {changes.rights.map((change) => (
          <ChangeItem
            key={`r:${change.blockId}`}
            change={change}
            summary={(block) => <RightSummary block={block} names={names} showDepartment />}
            label={(field) => t(`approval.field.${field}`)}
            value={(field, block) => rightValue(field, block, names, t, locale)}
            title={(block) => block.right || t("blocks.untitled")}
          />
        ))}
      </ul>
    </>
  );
}

function ChangeItem<T extends { blockId: string }, F extends string>({
  change,
  summary,
  label,
  value,
  title,
}: {
  change: BlockChange<T, F>;
  summary: (block: T) => ReactNode;
  label: (field: F) => string;
  value: (field: F, block: T) => string;
  title: (block: T) => string;
}) {
  const t = useT();
  return (
    <li className={`block-change block-change--${change.change}`} data-block={change.blockId}>
      <span className={`badge block-change__kind block-change__kind--${change.change}`}>
        {t(`approval.blockChange.${change.change}`)}
      </span>
      {change.change === "changed" ? (
        <>
          <span className="signed-block__title">{title(change.after)}</span>
          <dl className="block-change__fields">
            {change.fields.map((field) => (
              <div key={field} className="block-change__field">
                <dt>{label(field)}</dt>
                <dd>
                  <del>{value(field, change.before)}</del>
                  <span aria-hidden="true"> → </span>
                  <ins>{value(field, change.after)}</ins>
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <div className="block-change__block">{summary(change.change === "added" ? change.after : change.before)}</div>
      )}
    </li>
  );
}
