/**
 * The DynamoDB tables, defined once: infra/constructs/data.ts creates them in AWS and
 * infra/local/runtime.ts creates the same ones in DynamoDB Local. Every table uses generic
 * `pk`/`sk` keys and generic `gsi<N>pk`/`gsi<N>sk` indexes so that access patterns (documented
 * next to each repository in shared/adapters/) evolve without table migrations.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableDefinition {
  /** CloudFormation logical id, also the local table name. */
  logicalId: string;
  /** The variable that carries the physical table name into a function's environment. */
  envVar: string;
  /** Why the table exists, shown in the CDK template's description tag and the README. */
  purpose: string;
  partitionKey: 'pk';
  sortKey: 'sk';
  indexes: IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry that DynamoDB TTL removes, if any. */
  timeToLiveAttribute?: string;
}

const gsi1: IndexDefinition = { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' };
const gsi2: IndexDefinition = { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' };

export const tables = {
  directory: {
    logicalId: 'Directory',
    envVar: 'DIRECTORY_TABLE',
    purpose: 'Staff directory: people, their roles by region, supervisors, HR acknowledgments, delegations.',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [gsi1],
  },
  accounts: {
    logicalId: 'Accounts',
    envVar: 'ACCOUNTS_TABLE',
    purpose: 'Account requests, approval links and decisions, official accounts, grants, rotations.',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [gsi1, gsi2],
    timeToLiveAttribute: 'ttl',
  },
  audit: {
    logicalId: 'Audit',
    envVar: 'AUDIT_TABLE',
    purpose: 'Append-only audit trail: decisions, reveals, exports, disposals (CT-10).',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [gsi1],
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tables;
