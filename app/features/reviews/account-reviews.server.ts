import type { Db } from "~/utils/db.server";
import { recentQuarters } from "~/features/kpis/kpi";
import { listReviews, reviewTeam } from "./review.server";

/** The account's reviews (dates as ISO strings) and what scheduling the next one offers. */
export async function loadAccountReviews(db: Db, accountId: string) {
  const [reviews, team] = await Promise.all([listReviews(db, accountId), reviewTeam(db, accountId)]);
  return {
    reviews: reviews.map((review) => ({
      ...review,
      scheduledAt: review.scheduledAt.toISOString(),
      closedAt: review.closedAt?.toISOString() ?? null,
    })),
    team: team.map((member) => ({ ...member.user, role: member.role, department: member.department })),
    quarters: recentQuarters(new Date(), 4),
  };
}
