/** Driving many operations at a fixed concurrency and timing each one. */

/** Latency of every operation, and the wall time the whole run took. */
export interface Timed {
  latenciesMs: number[];
  wallMs: number;
}

/**
 * Runs `operation` once per input with exactly `concurrency` in flight until the inputs run out,
 * as a case system with that many workers would. Any failure aborts the run: a benchmark of
 * requests that were refused would measure the refusal.
 */
export async function atConcurrency<T>(
  inputs: readonly T[],
  concurrency: number,
  operation: (input: T, index: number) => Promise<void>,
): Promise<Timed> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      const begun = performance.now();
      await operation(inputs[index]!, index);
      latenciesMs.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
  return { latenciesMs, wallMs: performance.now() - started };
}

/** Joins the timings of several blocks of one side of an alternating comparison. */
export const combine = (blocks: readonly Timed[]): Timed => ({
  latenciesMs: blocks.flatMap((block) => block.latenciesMs),
  wallMs: blocks.reduce((sum, block) => sum + block.wallMs, 0),
});

/** Splits `items` into consecutive blocks of at most `size`. */
export function blocksOf<T>(items: readonly T[], size: number): T[][] {
  const blocks: T[][] = [];
  for (let start = 0; start < items.length; start += size) blocks.push(items.slice(start, start + size));
  return blocks;
}
