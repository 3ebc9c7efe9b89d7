/**
 * The goals of issue 20, in one place: every one a ratio to a floor or baseline measured in the
 * same run, or a count. Issue 8's ingest goals were against a bare PutItem, which even the raw
 * read-then-write of the rules cannot meet; these are against that checked-write floor instead.
 */
export const goals = {
  /** Contact ingest: the contact service called directly, throughput at least this fraction of the floor's. */
  ingestServiceThroughput: 0.9,
  /** Contact ingest: through the local API, throughput at least this fraction of the floor's. */
  ingestApiThroughput: 0.7,
  /** Contact ingest: through the local API, p99 at most this multiple of the floor's. */
  ingestApiP99: 1.5,
  /** Query scaling: p50 and p99 with 100,000 records at most this multiple of those with 1,000. */
  queryScaling: 1.2,
  /** Cold start: import CPU time of every function at most this multiple of its bare handler's. */
  functionImport: 1.15,
  /** The console: JavaScript of the home page's first load, gzip, and time until interactive. */
  consoleScriptKb: 150,
  consoleInteractiveMs: 1_000,
  /** Workflows: state transitions of a two-approver approval (accounts, and NJ's grants). */
  twoApproverTransitions: 15,
} as const;
