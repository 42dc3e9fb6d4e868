import { Form, useNavigation } from "@remix-run/react";
import { formatDateTime } from "~/components/format-when";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import { FieldError, fieldErrorProps } from "~/components/field-error";
import type { WebhookReply } from "./webhook.schema";
import { WEBHOOK_EVENTS, type DeliveryStatus } from "./webhook-events";

interface DeliveryView {
  id: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
}

interface WebhookListItem {
  id: string;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdAt: string;
  deliveries: DeliveryView[];
}

const eventLabel = (event: string) => `integrations.webhooks.event.${event}` as MessageKey;

/** The admin's webhook endpoints: register one, see what was sent to each, and manage them. */
export function WebhooksPage({ webhooks, reply }: { webhooks: WebhookListItem[]; reply: WebhookReply | null }) {
  const t = useT();
  return (
    <section className="webhooks" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">{t("integrations.webhooks.title")}</h2>
      <p>{t("integrations.webhooks.intro")}</p>
      <p className="small" role="note">
        {t("integrations.webhooks.schemeNote")}
      </p>
      <SecretOnce reply={reply} />
      <CreateForm reply={reply} />
      <h3>{t("integrations.webhooks.list")}</h3>
      {webhooks.length === 0 ? <p className="muted">{t("integrations.webhooks.none")}</p> : null}
      {webhooks.map((hook) => (
        <Endpoint key={hook.id} hook={hook} reply={reply?.webhookId === hook.id ? reply : null} />
      ))}
    </section>
  );
}

function SecretOnce({ reply }: { reply: WebhookReply | null }) {
  const t = useT();
  if (!reply?.ok || !reply.secret) return null;
  return (
    <div className="webhooks__secret card" role="status">
      <label htmlFor="webhook-secret">
        {t(reply.intent === "rotate" ? "integrations.webhooks.rotatedOnce" : "integrations.webhooks.secretOnce")}
      </label>
      <input
        id="webhook-secret"
        readOnly
        value={reply.secret}
        data-secret
        onFocus={(event) => event.currentTarget.select()}
      />
    </div>
  );
}

function CreateForm({ reply }: { reply: WebhookReply | null }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const errors = reply && !reply.ok && reply.intent === "create" ? reply.fieldErrors : {};
  const problem = (name: keyof typeof errors) => (
    <FieldError fieldId={`webhook-${name}`} error={errors[name] ? t(errors[name] as MessageKey) : null} />
  );
  const described = (name: keyof typeof errors) => fieldErrorProps(`webhook-${name}`, errors[name]);
  return (
    <Form method="post" className="webhooks__create card" key={reply?.ok ? reply.webhookId : "create"}>
      <h3>{t("integrations.webhooks.new")}</h3>
      <input type="hidden" name="intent" value="create" />
      <label className="field" htmlFor="webhook-url">
        <span>{t("integrations.webhooks.url")}</span>
        <input
          id="webhook-url"
          name="url"
          type="url"
          required
          maxLength={2000}
          placeholder="https://"
          autoComplete="off"
          {...described("url")}
        />
        {problem("url")}
      </label>
      <fieldset className="webhooks__events" {...described("events")}>
        <legend>{t("integrations.webhooks.events")}</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event}>
            <input type="checkbox" name="events" value={event} /> {t(eventLabel(event))} <code>{event}</code>
          </label>
        ))}
        {problem("events")}
      </fieldset>
      <label className="field" htmlFor="webhook-description">
        <span>{t("integrations.webhooks.description")}</span>
        <input id="webhook-description" name="description" maxLength={200} {...described("description")} />
        {problem("description")}
      </label>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("integrations.webhooks.create")}
      </button>
    </Form>
  );
}

function Endpoint({ hook, reply }: { hook: WebhookListItem; reply: WebhookReply | null }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const action = (intent: string, label: MessageKey, confirm?: MessageKey) => (
    <Form
      method="post"
      onSubmit={(event) => {
        if (confirm && !window.confirm(t(confirm))) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="webhookId" value={hook.id} />
      <button type="submit" className="button" disabled={busy}>
        {t(label)}
      </button>
    </Form>
  );
  return (
    <article className="webhooks__endpoint card" aria-labelledby={`webhook-${hook.id}`} data-webhook={hook.id}>
      <header className="webhooks__head">
        <h4 id={`webhook-${hook.id}`} className="webhooks__url">
          {hook.url}
        </h4>
        <span className={`badge ${hook.active ? "" : "webhooks__badge--off"}`}>
          {t(hook.active ? "integrations.webhooks.active" : "integrations.webhooks.disabled")}
        </span>
      </header>
      {hook.description ? <p>{hook.description}</p> : null}
      <p className="small">{hook.events.map((event) => t(eventLabel(event))).join(" · ")}</p>
      <div className="webhooks__actions">
        {hook.active ? action("ping", "integrations.webhooks.ping") : null}
        {action(
          hook.active ? "disable" : "enable",
          hook.active ? "integrations.webhooks.disable" : "integrations.webhooks.enable",
        )}
        {action("rotate", "integrations.webhooks.rotate")}
        {action("delete", "integrations.webhooks.delete", "integrations.webhooks.confirmDelete")}
      </div>
      {reply ? <ReplyNote reply={reply} /> : null}
      <Deliveries hook={hook} />
    </article>
  );
}

function ReplyNote({ reply }: { reply: WebhookReply }) {
  const t = useT();
  if (!reply.ok) {
    return (
      <p className="form-error" role="alert">
        {t("integrations.webhooks.error.gone")}
      </p>
    );
  }
  if (reply.secret) return null;
  const note: MessageKey =
    reply.intent === "ping"
      ? "integrations.webhooks.pinged"
      : reply.intent === "redeliver"
        ? "integrations.webhooks.redelivered"
        : "integrations.webhooks.changed";
  return <p role="status">{t(note)}</p>;
}

function Deliveries({ hook }: { hook: WebhookListItem }) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  if (hook.deliveries.length === 0) return <p className="muted">{t("integrations.webhooks.noDeliveries")}</p>;
  return (
    <div className="webhooks__table" role="region" aria-label={t("integrations.webhooks.deliveries")} tabIndex={0}>
      <table>
        <caption>{t("integrations.webhooks.deliveries")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("integrations.webhooks.col.event")}</th>
            <th scope="col">{t("integrations.webhooks.col.status")}</th>
            <th scope="col">{t("integrations.webhooks.col.attempts")}</th>
            <th scope="col">{t("integrations.webhooks.col.code")}</th>
            <th scope="col">{t("integrations.webhooks.col.time")}</th>
            <th scope="col">{t("integrations.webhooks.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {hook.deliveries.map((delivery) => (
            <tr key={delivery.id} data-delivery={delivery.status}>
              <td>{t(eventLabel(delivery.event))}</td>
              <td>
                <span className={`webhooks__status webhooks__status--${delivery.status}`}>
                  {t(`integrations.webhooks.status.${delivery.status}`)}
                </span>
                {delivery.nextAttemptAt ? (
                  <span className="small muted">
                    {" "}
                    {t("integrations.webhooks.nextAttempt", { time: formatDateTime(delivery.nextAttemptAt, locale) })}
                  </span>
                ) : null}
              </td>
              <td>{new Intl.NumberFormat(locale).format(delivery.attempts)}</td>
              <td title={delivery.lastError ?? undefined}>
                {delivery.lastStatusCode ?? (delivery.lastError ? delivery.lastError.slice(0, 40) : "—")}
              </td>
              <td>
                <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt, locale)}</time>
              </td>
              <td>
                {delivery.status === "failed" && hook.active ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="redeliver" />
                    <input type="hidden" name="webhookId" value={hook.id} />
                    <input type="hidden" name="deliveryId" value={delivery.id} />
                    <button type="submit" className="button button--small" disabled={busy}>
                      {t("integrations.webhooks.redeliver")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
