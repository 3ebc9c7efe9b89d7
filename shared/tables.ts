/**
 * The DynamoDB tables, defined once: infra/constructs/data.ts creates them in AWS and
 * local/provision.ts creates the same ones in DynamoDB Local. Every table uses generic
 * `pk`/`sk` keys and generic `gsi<N>pk`/`gsi<N>sk` indexes so that access patterns (documented
 * next to each repository in shared/adapters/) evolve without table migrations.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /**
   * The attributes the index carries besides the keys, when it serves one job that needs only
   * those (INCLUDE projection); without it the index carries whole items (ALL).
   */
  include?: readonly string[];
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
  /** New items go to a DynamoDB stream (the audit table's SIEM feed, issue 19.3: docs/audit-events.md). */
  stream?: 'NEW_IMAGE';
}

/** An index's projection as the DynamoDB API spells it (CreateTable, DescribeTable, CloudFormation). */
export const projectionOf = (
  index: IndexDefinition,
): { ProjectionType: 'ALL' } | { ProjectionType: 'INCLUDE'; NonKeyAttributes: string[] } =>
  index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] } : { ProjectionType: 'ALL' };

const gsi1: IndexDefinition = { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' };
const gsi2: IndexDefinition = { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' };
const gsi3: IndexDefinition = { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' };
/** Contact records by the day they expire: the disposal job's buckets (shared/adapters/retention.ts, CT-06). */
const retentionIndex: IndexDefinition = {
  name: 'gsi4',
  partitionKey: 'gsi4pk',
  sortKey: 'gsi4sk',
  include: ['contactId', 'caseId', 'accountId', 'retainUntil'],
};

/**
 * Incidents, post suggestions, account requests and audit entries by the day they expire (CT-06): the
 * same buckets as contact records, in each record's own table (shared/adapters/record-retention.ts).
 */
const recordRetentionIndex: IndexDefinition = {
  name: 'gsi4',
  partitionKey: 'gsi4pk',
  sortKey: 'gsi4sk',
  include: ['retention'],
};

/** Audit entries of one hash chain in sequence order (issue 21.1): what verify-audit walks, whole items. */
const chainIndex: IndexDefinition = { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' };

export const tables = {
  directory: {
    logicalId: 'Directory',
    envVar: 'DIRECTORY_TABLE',
    purpose: 'Staff directory: people, their roles by region, supervisors, HR acknowledgments, delegations.',
    partitionKey: 'pk',
    sortKey: 'sk',
    // gsi2: people by email address, for SES feedback (issue 19.1).
    indexes: [gsi1, gsi2],
  },
  accounts: {
    logicalId: 'Accounts',
    envVar: 'ACCOUNTS_TABLE',
    purpose: 'Account requests, approval links and decisions, official accounts, grants, rotations.',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [gsi1, gsi2, recordRetentionIndex],
    timeToLiveAttribute: 'ttl',
  },
  contacts: {
    logicalId: 'Contacts',
    envVar: 'CONTACTS_TABLE',
    purpose: 'Contact records from case systems (TN-12), litigation holds and the disposal log (CT-06).',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [gsi1, gsi2, gsi3, retentionIndex],
  },
  outbox: {
    logicalId: 'MailOutbox',
    envVar: 'OUTBOX_TABLE',
    purpose: 'Dead-letter queue of email SES refused after every retry, encrypted, until redelivered.',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [gsi1],
  },
  audit: {
    logicalId: 'Audit',
    envVar: 'AUDIT_TABLE',
    purpose: 'Append-only audit trail: decisions, reveals, exports, disposals (CT-10).',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [gsi1, recordRetentionIndex, chainIndex],
    stream: 'NEW_IMAGE',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tables;
