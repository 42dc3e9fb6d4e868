/**
 * The browser code that most pages share, bundled as one script.
 *
 * Remix's compiler (esbuild) gives a shared module a chunk of its own for each
 * distinct set of routes that reach it. With some forty routes that came to about
 * thirty scripts of a few hundred bytes on every page, and fetching and compiling
 * them was most of a first visit (ADR 025). Every page route imports this file
 * first: each module below is then reached by the same routes, and they all land
 * in one chunk.
 *
 * List a module here when two or more pages import it. Leave out what only some
 * pages should load: the editor and the Recharts drawings (both lazy) and the diff.
 * `common-chunk.test.ts` fails when a page needs more scripts than it should.
 */
import "~/components/account-page-header";
import "~/components/avatar";
import "~/components/deferred-chart";
import "~/components/field-error";
import "~/components/format-when";
import "~/components/intl";
import "~/components/older-pager";
import "~/components/relative-time";
import "~/components/table-scroll";
import "~/components/use-is-mac";
import "~/features/accounts/stage-badges";
import "~/features/action-items/action-item-editor";
import "~/features/action-items/action-item-fields";
import "~/features/action-items/action-item-row";
import "~/features/action-items/action-item.schema";
import "~/features/action-items/action-pager";
import "~/features/action-items/format";
import "~/features/action-items/status-select";
import "~/features/admin/admin-fields";
import "~/features/admin/admin-reply";
import "~/features/admin/link-page-route";
import "~/features/admin/set-password-page";
import "~/features/approvals/approval-badge";
import "~/features/approvals/approval-blocks";
import "~/features/approvals/approval-text";
import "~/features/approvals/approval.schema";
import "~/features/auth/auth.schema";
import "~/features/auth/language-switch";
import "~/features/blocks/block-changes";
import "~/features/blocks/block-pages";
import "~/features/blocks/blocks";
import "~/features/documents/collab/use-sync-status";
import "~/features/documents/doc-templates";
import "~/features/documents/document-breadcrumb";
import "~/features/documents/editor/sync-indicator";
import "~/features/documents/editor/use-collab-session";
import "~/features/documents/versions/version-name";
import "~/features/kpis/format";
import "~/features/kpis/kpi";
import "~/features/kpis/kpi.schema";
import "~/features/notifications/notification-item";
import "~/features/notifications/notification-text";
import "~/features/reviews/review";
import "~/features/reviews/review-status-badge";
import "~/features/reviews/review-summary-view";
import "~/features/reviews/review.schema";
import "~/features/reviews/schedule-form";
import "~/features/scoring-rounds/round-forms";
import "~/features/scoring-rounds/round-page";
import "~/features/scoring-rounds/rounds";
import "~/features/scoring-rounds/rounds.schema";
import "~/features/scoring-rounds/score-form";
import "~/features/search/search-results";
import "~/features/sharing/share.schema";
import "~/features/team/member-place";
import "~/features/team/presence-announcer";
import "~/features/team/team.schema";
import "~/features/team/types";
import "~/features/team/use-department-names";
import "~/i18n/i18n";
import "~/shared/client-id";
import "~/shared/domain";
import "~/shared/id";
import "~/shared/member-color";
import "~/shared/shortcuts";
