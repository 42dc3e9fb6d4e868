import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Avatar } from "~/components/avatar";
import { useLocale, useT } from "~/i18n/i18n";
import type { ReviewPageData } from "./review-page";
import { departmentName } from "~/features/action-items/format";
import { ScheduleForm } from "./schedule-form";
import { useReviewRoom } from "./use-review-room";

/** A scheduled review: its agenda and invitees, who is already waiting, and (for the lead) edit, start and cancel. */
export function ReviewLobby({ data }: { data: ReviewPageData }) {
  const t = useT();
  const room = useReviewRoom(data.review.id, data.review.status);
  const navigation = useNavigation();
  const reply = useActionData<{ ok: boolean; intent: string; errors?: Record<string, string> }>();
  const busy = navigation.state !== "idle";
  const invited = data.attendees.filter((person) => person.invited);
  return (
    <div className="account-grid">
      <div className="stack">
        <section className="card" aria-labelledby="lobby-heading">
          <h2 id="lobby-heading">{t("reviews.lobby.title")}</h2>
          <p className="muted">{t(data.canLead ? "reviews.lobby.lead" : "reviews.lobby.member")}</p>
          <WaitingList users={room.presence?.users ?? []} />
          {data.canLead ? <LobbyButtons busy={busy} /> : null}
          {reply?.ok === false && reply.errors?.form ? (
            <p className="form-error" role="alert">
              {reply.errors.form}
            </p>
          ) : null}
        </section>
        <ReviewPlan agenda={data.agenda} invited={invited} />
      </div>
      {data.canLead ? (
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t("reviews.edit.title")}</h2>
          {reply?.ok && reply.intent === "update" ? (
            <p className="notice" role="status">
              {t("reviews.edit.saved")}
            </p>
          ) : null}
          <ScheduleForm
            key={data.review.scheduledAt + data.agenda.map((item) => item.id).join()}
            intent="update"
            team={data.team}
            quarters={data.quarters}
            defaults={{
              quarter: data.review.quarter,
              scheduledAt: data.review.scheduledAt,
              attendees: invited.map((person) => person.id),
              agenda: data.agenda.map((item) => ({
                kind: item.kind as "custom",
                title: item.title,
                plannedMinutes: item.plannedMinutes,
              })),
            }}
            errors={reply?.ok === false && reply.intent === "update" ? reply.errors : undefined}
          />
        </section>
      ) : null}
    </div>
  );
}

/** The lead starts the review, or cancels it after confirming. */
function LobbyButtons({ busy }: { busy: boolean }) {
  const t = useT();
  return (
    <div className="review-lobby__buttons">
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("reviews.start")}
        </button>
      </Form>
      <Form
        method="post"
        onSubmit={(event) => {
          if (!confirm(t("reviews.cancel.confirm"))) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="cancel" />
        <button type="submit" className="button button--ghost" disabled={busy}>
          {t("reviews.cancel.button")}
        </button>
      </Form>
    </div>
  );
}

interface ReviewPlanProps {
  agenda: ReviewPageData["agenda"];
  invited: ReviewPageData["attendees"];
}

/** The agenda with its planned minutes, and who is invited. */
function ReviewPlan({ agenda, invited }: ReviewPlanProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t("reviews.field.agenda")}</h2>
      <ol className="review-agenda-plain">
        {agenda.map((item) => (
          <li key={item.id}>
            {item.title}{" "}
            <span className="muted small">{t("reviews.minutesCount", { count: item.plannedMinutes })}</span>
          </li>
        ))}
      </ol>
      <h3>{t("reviews.field.attendees")}</h3>
      {invited.length === 0 ? (
        <p className="muted">{t("reviews.lobby.noInvitees")}</p>
      ) : (
        <ul className="review-people">
          {invited.map((person) => (
            <li key={person.id}>
              {person.name}{" "}
              {person.department ? (
                <span className="muted small">{departmentName(person.department, locale)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function WaitingList({ users }: { users: Array<{ userId: string; name: string; color: string }> }) {
  const t = useT();
  return (
    <div className="review-here">
      <span className="small muted">{t("reviews.here", { count: users.length })}</span>
      <ul className="presence" aria-label={t("reviews.hereLabel")}>
        {users.map((user) => (
          <li key={user.userId} title={user.name}>
            <Avatar name={user.name} color={user.color} size={28} />
            <span className="visually-hidden">{user.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
