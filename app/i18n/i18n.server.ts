import { createHash } from "node:crypto";
import enActions from "./en/actions.json";
import enApprovals from "./en/approvals.json";
import enAssessments from "./en/assessments.json";
import enBlockEditor from "./en/blockEditor.json";
import enBlocks from "./en/blocks.json";
import enCollab from "./en/collab.json";
import enCore from "./en/core.json";
import enHub from "./en/hub.json";
import enKpis from "./en/kpis.json";
import enNetValue from "./en/netValue.json";
import enPortfolio from "./en/portfolio.json";
import enReviews from "./en/reviews.json";
import enSearch from "./en/search.json";
import enSharing from "./en/sharing.json";
import enIntegrations from "./en/integrations.json";
import enApi from "./en/api.json";
import enAudit from "./en/audit.json";
import enAdmin from "./en/admin.json";
import enTeam from "./en/team.json";
import enVersions from "./en/versions.json";
import enKeyboard from "./en/keyboard.json";
import { LOCALES, provideCatalog, translate, type Catalog, type Locale, type Messages } from "./i18n";
import zhActions from "./zh-CN/actions.json";
import zhApprovals from "./zh-CN/approvals.json";
import zhAssessments from "./zh-CN/assessments.json";
import zhBlockEditor from "./zh-CN/blockEditor.json";
import zhBlocks from "./zh-CN/blocks.json";
import zhCollab from "./zh-CN/collab.json";
import zhCore from "./zh-CN/core.json";
import zhHub from "./zh-CN/hub.json";
import zhKpis from "./zh-CN/kpis.json";
import zhNetValue from "./zh-CN/netValue.json";
import zhPortfolio from "./zh-CN/portfolio.json";
import zhReviews from "./zh-CN/reviews.json";
import zhSearch from "./zh-CN/search.json";
import zhSharing from "./zh-CN/sharing.json";
import zhIntegrations from "./zh-CN/integrations.json";
import zhApi from "./zh-CN/api.json";
import zhAudit from "./zh-CN/audit.json";
import zhAdmin from "./zh-CN/admin.json";
import zhTeam from "./zh-CN/team.json";
import zhVersions from "./zh-CN/versions.json";
import zhKeyboard from "./zh-CN/keyboard.json";

// One file per feature and locale, so features add messages without touching each other's.
const messages: Record<Locale, Messages> = {
  en: {
    ...enCore,
    ...enHub,
    ...enActions,
    ...enTeam,
    ...enVersions,
    ...enApprovals,
    ...enAssessments,
    ...enBlocks,
    ...enBlockEditor,
    ...enKpis,
    ...enNetValue,
    ...enPortfolio,
    ...enReviews,
    ...enSearch,
    ...enSharing,
    ...enIntegrations,
    ...enApi,
    ...enAudit,
    ...enAdmin,
    ...enCollab,
    ...enKeyboard,
  },
  "zh-CN": {
    ...zhCore,
    ...zhHub,
    ...zhActions,
    ...zhTeam,
    ...zhVersions,
    ...zhApprovals,
    ...zhAssessments,
    ...zhBlocks,
    ...zhBlockEditor,
    ...zhKpis,
    ...zhNetValue,
    ...zhPortfolio,
    ...zhReviews,
    ...zhSearch,
    ...zhSharing,
    ...zhIntegrations,
    ...zhApi,
    ...zhAudit,
    ...zhAdmin,
    ...zhCollab,
    ...zhKeyboard,
  },
};

const catalogs = Object.fromEntries(
  LOCALES.map((locale) => {
    const version = createHash("sha256").update(JSON.stringify(messages[locale])).digest("hex").slice(0, 12);
    return [locale, { locale, url: `/i18n/${locale}/${version}`, messages: messages[locale] }];
  }),
) as Record<Locale, Catalog>;

for (const locale of LOCALES) provideCatalog(catalogs[locale]);

/** A language's messages and the URL that serves this version of them. */
export function catalogOf(locale: Locale): Catalog {
  return catalogs[locale];
}

export { translate };
