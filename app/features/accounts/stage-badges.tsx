import { useT } from "~/i18n/i18n";
import { LADDER_STAGES, type LadderStage, type LifecycleStage, type Tier } from "~/shared/domain";

export function TierBadge({ tier }: { tier: string }) {
  const t = useT();
  return <span className={`badge badge--tier-${tier}`}>{t(`tier.${tier as Tier}`)}</span>;
}

export function LifecycleBadge({ stage }: { stage: string }) {
  const t = useT();
  return <span className="badge badge--lifecycle">{t(`lifecycle.${stage as LifecycleStage}`)}</span>;
}

/** The relationship ladder as steps, the current one named. */
export function LadderSteps({ stage }: { stage: string }) {
  const t = useT();
  const current = LADDER_STAGES.indexOf(stage as LadderStage);
  return (
    <span className="ladder" aria-label={t(`ladder.${stage as LadderStage}`)}>
      <span className="ladder__steps" aria-hidden="true">
        {LADDER_STAGES.map((step, index) => (
          <span key={step} className={index <= current ? "ladder__step ladder__step--on" : "ladder__step"} />
        ))}
      </span>
      <span>{t(`ladder.${stage as LadderStage}`)}</span>
    </span>
  );
}
