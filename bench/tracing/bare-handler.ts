/** The baseline for bench/tracing/compare.ts: a handler with no tracing code. */
export const handler = async () => 1;
