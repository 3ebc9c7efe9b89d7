/** The goals of issue 8, in one place: every one a ratio to a baseline, or a count. */
export const goals = {
  /** Contact ingest: API throughput at least this fraction of raw PutItem's. */
  ingestThroughput: 0.7,
  /** Contact ingest: API p99 at most this multiple of raw PutItem's. */
  ingestP99: 1.5,
  /** Query scaling: p50 and p99 with 100,000 records at most this multiple of those with 1,000. */
  queryScaling: 1.2,
  /** Functions: bundle size and import time at most this multiple of the bare handler's. */
  functionSize: 1.25,
  functionImport: 1.25,
  /** Workflows: state transitions of a two-approver account approval. */
  twoApproverTransitions: 15,
} as const;
