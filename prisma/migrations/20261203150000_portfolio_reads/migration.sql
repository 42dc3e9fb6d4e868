-- AlterTable
ALTER TABLE "ScoringRound" ADD COLUMN "result" REAL;

-- Rounds revealed before this column: the result as rounds.ts computes it
-- (capability: mean of the elements' means; net value: the values' means minus
-- the costs' means, only when every factor has a score).
UPDATE "ScoringRound" SET "result" = (
  SELECT AVG("mean") FROM (
    SELECT AVG(s."score") AS "mean" FROM "RoundScore" s
    WHERE s."roundId" = "ScoringRound"."id"
      AND s."item" IN ('leadership', 'strategic_planning', 'people_organisation', 'resource_allocation',
                       'information_technology', 'operations', 'outcomes')
    GROUP BY s."item"
  )
) WHERE "status" = 'revealed' AND "kind" = 'capability';

UPDATE "ScoringRound" SET "result" = (
  SELECT CASE WHEN COUNT(*) = 8 THEN SUM(CASE WHEN "item" IN ('price', 'time', 'energy', 'psychic') THEN -"mean" ELSE "mean" END) END
  FROM (
    SELECT s."item" AS "item", AVG(s."score") AS "mean" FROM "RoundScore" s
    WHERE s."roundId" = "ScoringRound"."id"
      AND s."item" IN ('service', 'product', 'people', 'image', 'price', 'time', 'energy', 'psychic')
    GROUP BY s."item"
  )
) WHERE "status" = 'revealed' AND "kind" = 'net_value';

-- CreateIndex
CREATE INDEX "KpiValue_quarter_updatedAt_idx" ON "KpiValue"("quarter", "updatedAt");
