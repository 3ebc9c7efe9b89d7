/** Summaries of latency samples and the ratios every benchmark reports. */

/**
 * The p-th percentile by the nearest-rank method: the smallest sample with at least p% of all
 * samples at or below it. It is always a value that was actually observed, and p99 of 5,000
 * samples is the 4,950th smallest, so one outlier cannot move it.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} is not in (0, 100]`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** The median, for sample sets where nothing but the middle matters (import times). */
export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** What a latency benchmark reports for one side of a comparison. */
export interface LatencySummary {
  count: number;
  /** Completed operations per second of wall time. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
}

/** Summarizes operations timed one by one over `wallMs` of wall time. */
export function summarize({ latenciesMs, wallMs }: { latenciesMs: readonly number[]; wallMs: number }): LatencySummary {
  return {
    count: latenciesMs.length,
    throughput: round(latenciesMs.length / (wallMs / 1000), 1),
    p50Ms: round(percentile(latenciesMs, 50), 2),
    p99Ms: round(percentile(latenciesMs, 99), 2),
  };
}

/** subject / baseline, to two decimals: every goal is stated as such a ratio. */
export const ratio = (subject: number, baseline: number): number => round(subject / baseline, 2);

export const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;
