import type { RoundMessages } from "~/features/scoring-rounds/round-forms";

/** The worksheet's words for the shared round controls. */
export const NET_VALUE_MESSAGES: RoundMessages = {
  pickQuarter: "netValue.quarter.label",
  showQuarter: "netValue.quarter.show",
  progress: "netValue.progress",
  finished: "netValue.progress.done",
  pending: "netValue.progress.pending",
  requireEvidence: "netValue.open.requireEvidence",
  open: "netValue.open.submit",
  revealHint: "netValue.reveal.body",
  reveal: "netValue.reveal.submit",
  saved: "netValue.form.saved",
  save: "netValue.form.save",
  saving: "netValue.form.saving",
  evidence: "netValue.form.note",
  evidenceRequired: "netValue.form.noteRequired",
};
