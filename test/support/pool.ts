/**
 * Bounded concurrency for load-shaped tests: thousands of requests "at once" that a two-core
 * machine can still serve, by keeping at most `width` of them in flight.
 */

/** Runs `task` for every item with at most `width` running at a time; results keep the items' order. */
export async function inPool<T, R>(
  items: readonly T[],
  width: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** The default width: enough to make every request race with dozens of others. */
export const poolWidth = 64;
