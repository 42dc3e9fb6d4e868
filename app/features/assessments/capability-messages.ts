import type { RoundMessages } from "~/features/scoring-rounds/round-forms";

/** The assessment's words for the shared round controls. */
export const CAPABILITY_MESSAGES: RoundMessages = {
  pickQuarter: "assessment.quarter.label",
  showQuarter: "assessment.quarter.show",
  progress: "assessment.progress",
  finished: "assessment.progress.finished",
  pending: "assessment.progress.pending",
  requireEvidence: "assessment.open.requireEvidence",
  open: "assessment.open.submit",
  revealHint: "assessment.reveal.hint",
  reveal: "assessment.reveal.submit",
  saved: "assessment.score.saved",
  save: "assessment.score.submit",
  evidence: "assessment.score.evidence",
  evidenceRequired: "assessment.score.evidenceRequired",
};
