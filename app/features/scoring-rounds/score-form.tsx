import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FieldError, fieldErrorId } from "~/components/field-error";
import { useT, type MessageKey } from "~/i18n/i18n";
import { FormError, refusalOf, useBusy, type RoundMessages } from "./round-forms";
import type { RoundReply } from "./round-reply";
import { MAX_EVIDENCE_LENGTH, SCORE_RANGE, type RoundView } from "./rounds";
import { evidenceField, scoreField } from "./rounds.schema";

export interface ItemGroup {
  key: string;
  heading?: MessageKey;
  items: readonly string[];
}

interface Props {
  round: Pick<RoundView, "id" | "kind" | "requireEvidence" | "myScores">;
  /** The items in the kind's order, in groups with their headings (one group without a heading for none). */
  groups: readonly ItemGroup[];
  messages: RoundMessages;
  /** The kind's look of the form and its scale. */
  className: string;
  /** What the scale means, above the items. */
  hint: ReactNode;
  /** What an item means, under its name. */
  itemHint: (item: string) => string;
  /** A score's label on the scale. */
  option: (item: string, score: number) => ReactNode;
  reply: RoundReply | { ok: true; intent: string } | undefined;
}

/** The reader's own scores: one radio group per item over the kind's range (arrow keys move along it), with evidence. */
export function ScoreForm({ round, groups, messages, className, hint, itemHint, option, reply }: Props) {
  const t = useT();
  const busy = useBusy("score");
  const refusal = refusalOf(reply, "score");
  const { min, max } = SCORE_RANGE[round.kind];
  const scale = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <Form
      method="post"
      className={`round-score-form ${className}`}
      aria-describedby="round-score-hint"
      preventScrollReset
    >
      <input type="hidden" name="intent" value="score" />
      <input type="hidden" name="roundId" value={round.id} />
      <p id="round-score-hint" className="muted small">
        {hint}
      </p>
      {groups.map((group) => (
        <div key={group.key} className={`round-group round-group--${group.key}`}>
          {group.heading ? <h3>{t(group.heading)}</h3> : null}
          {group.items.map((item) => (
            <ItemField
              key={`${round.id}:${item}`}
              item={item}
              hint={itemHint(item)}
              scale={scale.map((score) => ({ score, label: option(item, score) }))}
              mine={round.myScores.find((score) => score.item === item)}
              evidenceLabel={round.requireEvidence ? messages.evidenceRequired : messages.evidence}
              error={refusal?.fieldErrors[scoreField(item)] ?? refusal?.fieldErrors[evidenceField(item)] ?? null}
            />
          ))}
        </div>
      ))}
      <FormError error={refusal?.error} />
      {reply?.ok && reply.intent === "score" && !busy ? (
        <p className="round-saved" role="status">
          {t(messages.saved)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t(busy && messages.saving ? messages.saving : messages.save)}
      </button>
    </Form>
  );
}

interface ItemFieldProps {
  item: string;
  hint: string;
  scale: { score: number; label: ReactNode }[];
  mine: { score: number; evidence: string } | undefined;
  evidenceLabel: MessageKey;
  error: string | null;
}

function ItemField({ item, hint, scale, mine, evidenceLabel, error }: ItemFieldProps) {
  const t = useT();
  const name = t(`rounds.item.${item}` as MessageKey);
  const hintId = `round-hint-${item}`;
  const evidenceId = `evidence-${item}`;
  const errorId = fieldErrorId(evidenceId);
  const invalid = error ? true : undefined;
  return (
    <fieldset className="round-item" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend>{name}</legend>
      <p id={hintId} className="muted small round-item__hint">
        {hint}
      </p>
      <div className="round-scale">
        {scale.map(({ score, label }) => (
          <label key={score} className="round-scale__option">
            <input
              type="radio"
              name={scoreField(item)}
              value={score}
              defaultChecked={mine?.score === score}
              aria-invalid={invalid}
            />
            {label}
          </label>
        ))}
      </div>
      <label className="field round-item__evidence" htmlFor={evidenceId}>
        <span className="small">{t(evidenceLabel, { element: name })}</span>
        <textarea
          id={evidenceId}
          name={evidenceField(item)}
          rows={2}
          maxLength={MAX_EVIDENCE_LENGTH}
          defaultValue={mine?.evidence ?? ""}
          aria-invalid={invalid}
        />
      </label>
      <FieldError fieldId={evidenceId} error={error} />
    </fieldset>
  );
}
