// A stage is open, won or lost. Shared by the service (its rules) and the editor (its labels),
// so both speak of one "kind" rather than two flags.
export type StageKind = "open" | "won" | "lost";

export const STAGE_KINDS: readonly StageKind[] = ["open", "won", "lost"];

export const stageKind = (stage: { isWon: boolean; isLost: boolean }): StageKind => (stage.isWon ? "won" : stage.isLost ? "lost" : "open");

export const kindFlags = (kind: StageKind) => ({ isWon: kind === "won", isLost: kind === "lost" });

/**
 * Whether `stageId` is the last stage of its kind: deals need somewhere to be worked, won and
 * lost, so such a stage can neither go nor change kind.
 */
export function isOnlyOfKind(stages: readonly { id: string; isWon: boolean; isLost: boolean }[], stageId: string): boolean {
  const stage = stages.find((s) => s.id === stageId);
  if (!stage) return false;
  const kind = stageKind(stage);
  return !stages.some((s) => s.id !== stageId && stageKind(s) === kind);
}

/** The flag field an error about a change of kind belongs to. */
export const kindField = (kind: StageKind) => (kind === "lost" ? "isLost" : "isWon");
