/**
 * The engagement spectrum (seed 004, lines 257-322, after IAP2). Levels are cumulative: each has
 * everything the one before it has.
 */
export const levels = ["INFORM", "CONSULT", "INVOLVE", "COLLABORATE", "EMPOWER"] as const;
export type Level = (typeof levels)[number];

export function isLevel(value: unknown): value is Level {
  return typeof value === "string" && (levels as readonly string[]).includes(value);
}

export function levelRank(level: Level): number {
  return levels.indexOf(level);
}

export function atLeast(level: Level, minimum: Level): boolean {
  return levelRank(level) >= levelRank(minimum);
}

export function higherLevels(level: Level): Level[] {
  return levels.slice(levelRank(level) + 1);
}

/** `minimum` and every level above it. */
export function levelsFrom(minimum: Level): Level[] {
  return levels.filter((level) => atLeast(level, minimum));
}
