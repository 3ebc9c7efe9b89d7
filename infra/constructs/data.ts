/**
 * The DynamoDB tables of shared/tables.ts. On-demand, encrypted with the data key, recoverable to
 * any second of the last 35 days, protected from deletion twice (the API flag and RETAIN), and
 * pinned to the logical ids of tables.ts so a refactor of this file can never replace a table.
 */
import { RemovalPolicy, Tags } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
  type CfnTable,
  StreamViewType,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tables, type TableDefinition, type TableKey } from '../../shared/tables.ts';

/** AWS tag values allow letters, digits, spaces and `_ . : / = + - @` only. */
const tagValue = (text: string): string =>
  text
    .replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 256);

/** One table per entry of shared/tables.ts. */
export class Data extends Construct {
  readonly tables: Record<TableKey, Table>;

  constructor(scope: Construct, id: string, props: { encryptionKey: IKey }) {
    super(scope, id);
    const entries = Object.entries(tables) as Array<[TableKey, TableDefinition]>;
    this.tables = Object.fromEntries(
      entries.map(([key, definition]) => [key, this.table(definition, props.encryptionKey)]),
    ) as Record<TableKey, Table>;
  }

  private table(definition: TableDefinition, encryptionKey: IKey): Table {
    const table = new Table(this, definition.logicalId, {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      ...(definition.stream ? { stream: StreamViewType.NEW_IMAGE } : {}),
    });
    for (const index of definition.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.include
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
          : { projectionType: ProjectionType.ALL }),
      });
    }
    (table.node.defaultChild as CfnTable).overrideLogicalId(definition.logicalId);
    Tags.of(table).add('purpose', tagValue(definition.purpose));
    return table;
  }
}
