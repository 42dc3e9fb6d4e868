/** The account model's vocabularies (tier, relationship ladder, customer lifecycle), each in its natural order. */
export const TIERS = ["strategic", "key", "growth", "maintain"] as const;
export const LADDER_STAGES = ["prospect", "customer", "client", "supporter", "advocate", "partner"] as const;
export const LIFECYCLE_STAGES = ["connect", "convert", "experience", "loyalty", "develop"] as const;
export const STAGE_FIELDS = ["tier", "ladderStage", "lifecycleStage"] as const;

export type Tier = (typeof TIERS)[number];
export type LadderStage = (typeof LADDER_STAGES)[number];
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type StageField = (typeof STAGE_FIELDS)[number];

/** What every list of accounts shows of each: who the customer is and where the relationship stands. */
export interface AccountBasics {
  id: string;
  name: string;
  industry: string;
  tier: string;
  ladderStage: string;
  lifecycleStage: string;
}
