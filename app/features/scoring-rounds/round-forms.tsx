import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT, type MessageKey } from "~/i18n/i18n";
import type { RoundReply } from "./round-reply";
import type { RoundKind, RoundView } from "./rounds";

/** The words a page of one kind uses for the shared round controls. */
export interface RoundMessages {
  pickQuarter: MessageKey;
  showQuarter: MessageKey;
  /** `{finished}` of `{total}` scorers done. */
  progress: MessageKey;
  finished: MessageKey;
  pending: MessageKey;
  requireEvidence: MessageKey;
  open: MessageKey;
  revealHint: MessageKey;
  reveal: MessageKey;
  saved: MessageKey;
  save: MessageKey;
  /** The save button's text while the save is under way; the button only greys out without it. */
  saving?: MessageKey;
  /** The evidence field's label (`{element}`: the item's name), optional and required. */
  evidence: MessageKey;
  evidenceRequired: MessageKey;
}

/** The refusal of this intent in the last reply, if any. */
export function refusalOf(reply: RoundReply | { ok: true; intent: string } | undefined, intent: string | null) {
  return reply && !reply.ok && reply.intent === intent ? reply : null;
}

export function useBusy(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
}

export function FormError({ error }: { error: string | null | undefined }) {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A GET form: the chosen quarter goes in the URL, so a round can be linked to and picked without script. */
export function QuarterPicker(props: {
  choices: readonly { quarter: string; label: string }[];
  shown: string | null;
  messages: RoundMessages;
}) {
  const t = useT();
  return (
    <Form method="get" className="round-picker">
      <label className="field" htmlFor="round-quarter">
        <span>{t(props.messages.pickQuarter)}</span>
        <select id="round-quarter" name="quarter" defaultValue={props.shown ?? undefined} key={props.shown}>
          {props.choices.map((choice) => (
            <option key={choice.quarter} value={choice.quarter}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--ghost button--small">
        {t(props.messages.showQuarter)}
      </button>
    </Form>
  );
}

/** Who has scored every item, live; never what they scored. */
export function RoundProgress({ progress, messages }: { progress: RoundView["progress"]; messages: RoundMessages }) {
  const t = useT();
  return (
    <div className="round-progress">
      <p aria-live="polite">
        <meter min={0} max={Math.max(progress.total, 1)} value={progress.finished} aria-hidden="true" />{" "}
        {t(messages.progress, { finished: progress.finished, total: progress.total })}
      </p>
      <ul className="round-scorers">
        {progress.scorers.map((scorer) => (
          <li key={scorer.id} className={scorer.finished ? "round-scorer--done" : undefined}>
            <span aria-hidden="true">{scorer.finished ? "✓" : "○"}</span> {scorer.name}{" "}
            <span className="muted small">{t(scorer.finished ? messages.finished : messages.pending)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The lead opens a round of this kind; `clientId` makes a double submit open
 * it once. With `quarterLabel` the lead types the quarter, else it is `quarter`.
 */
export function OpenRoundForm(props: {
  kind: RoundKind;
  quarter: string;
  quarterLabel?: MessageKey;
  clientId: string;
  evidenceByDefault: boolean;
  messages: RoundMessages;
  error: string | null;
  children?: ReactNode;
}) {
  const t = useT();
  const busy = useBusy("open");
  return (
    <Form method="post" className="round-open-form">
      {props.children}
      <input type="hidden" name="intent" value="open" />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="clientId" value={props.clientId} />
      {props.quarterLabel ? (
        <label className="field" htmlFor="round-open-quarter">
          <span>{t(props.quarterLabel)}</span>
          <input
            id="round-open-quarter"
            name="quarter"
            defaultValue={props.quarter}
            pattern="\d{4}-[Qq][1-4]"
            required
            autoComplete="off"
          />
        </label>
      ) : (
        <input type="hidden" name="quarter" value={props.quarter} />
      )}
      <label className="round-check">
        <input type="checkbox" name="requireEvidence" value="on" defaultChecked={props.evidenceByDefault} />
        <span>{t(props.messages.requireEvidence)}</span>
      </label>
      <FormError error={props.error} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t(props.messages.open)}
      </button>
    </Form>
  );
}

/** The lead closes scoring and shows everyone the result; `children` heads the form. */
export function RevealForm(props: {
  roundId: string;
  messages: RoundMessages;
  error: string | null;
  children?: ReactNode;
}) {
  const t = useT();
  const busy = useBusy("reveal");
  return (
    <Form method="post" className="round-reveal-form" preventScrollReset>
      {props.children}
      <input type="hidden" name="intent" value="reveal" />
      <input type="hidden" name="roundId" value={props.roundId} />
      <p className="muted small">{t(props.messages.revealHint)}</p>
      <FormError error={props.error} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t(props.messages.reveal)}
      </button>
    </Form>
  );
}
