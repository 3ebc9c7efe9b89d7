/**
 * The state machines of this account and region, as Create/Update/Describe/List/DeleteStateMachine
 * see them. Definitions are stored as the caller sent them; validation happens before they get here.
 */
import { randomUUID } from 'node:crypto';
import { stateMachineArn, type ArnScope, type StateMachineType } from './arns.ts';
import { SfnError, stateMachineDoesNotExist } from './errors.ts';
import type { JsonFiles } from './json-files.ts';

/** What DescribeStateMachine reports, kept as one JSON file per state machine. */
export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  definition: string;
  roleArn: string;
  /** Epoch milliseconds. */
  creationDate: number;
  updateDate?: number;
  loggingConfiguration: Record<string, unknown>;
  tracingConfiguration: Record<string, unknown>;
  description?: string;
  /** Changes whenever the definition or configuration does. */
  revisionId: string;
  tags: unknown[];
}

/** What CreateStateMachine configures, already validated. */
export interface StateMachineSettings {
  definition: string;
  roleArn: string;
  type: StateMachineType;
  loggingConfiguration: Record<string, unknown> | undefined;
  tracingConfiguration: Record<string, unknown> | undefined;
  description: string | undefined;
  tags: unknown[] | undefined;
}

const DEFAULT_LOGGING = { level: 'OFF', includeExecutionData: false };
const DEFAULT_TRACING = { enabled: false };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** State machines by ARN, persisted when a data directory is set. */
export class StateMachineRegistry {
  readonly #machines = new Map<string, StateMachineRecord>();
  readonly #scope: ArnScope;
  readonly #files: JsonFiles | undefined;

  constructor(scope: ArnScope, files: JsonFiles | undefined) {
    this.#scope = scope;
    this.#files = files;
  }

  async load(): Promise<void> {
    for (const value of (await this.#files?.readAll('state-machines')) ?? []) {
      const record = value as StateMachineRecord;
      if (typeof record?.stateMachineArn === 'string' && typeof record.definition === 'string')
        this.#machines.set(record.stateMachineArn, record);
    }
  }

  /**
   * Creates a state machine. As in AWS, creating one that exists with the same definition, type,
   * logging and tracing configuration returns it (the role and tags are ignored); any other
   * difference is StateMachineAlreadyExists.
   */
  create(name: string, settings: StateMachineSettings): StateMachineRecord {
    const arn = stateMachineArn(this.#scope, name);
    const loggingConfiguration = { ...DEFAULT_LOGGING, ...settings.loggingConfiguration };
    const tracingConfiguration = { ...DEFAULT_TRACING, ...settings.tracingConfiguration };
    const existing = this.#machines.get(arn);
    if (existing) {
      const same =
        existing.definition === settings.definition &&
        existing.type === settings.type &&
        sameJson(existing.loggingConfiguration, loggingConfiguration) &&
        sameJson(existing.tracingConfiguration, tracingConfiguration);
      if (same) return existing;
      throw new SfnError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const record: StateMachineRecord = {
      stateMachineArn: arn,
      name,
      type: settings.type,
      definition: settings.definition,
      roleArn: settings.roleArn,
      creationDate: Date.now(),
      loggingConfiguration,
      tracingConfiguration,
      ...(settings.description ? { description: settings.description } : {}),
      revisionId: randomUUID(),
      tags: settings.tags ?? [],
    };
    this.#save(record);
    return record;
  }

  update(
    arn: string,
    changes: Partial<
      Pick<StateMachineSettings, 'definition' | 'roleArn' | 'loggingConfiguration' | 'tracingConfiguration'>
    >,
  ): StateMachineRecord {
    const record = this.get(arn);
    if (changes.definition !== undefined) record.definition = changes.definition;
    if (changes.roleArn !== undefined) record.roleArn = changes.roleArn;
    if (changes.loggingConfiguration)
      record.loggingConfiguration = { ...DEFAULT_LOGGING, ...changes.loggingConfiguration };
    if (changes.tracingConfiguration)
      record.tracingConfiguration = { ...DEFAULT_TRACING, ...changes.tracingConfiguration };
    record.updateDate = Date.now();
    record.revisionId = randomUUID();
    this.#save(record);
    return record;
  }

  /** The state machine, or StateMachineDoesNotExist. */
  get(arn: string): StateMachineRecord {
    const record = this.#machines.get(arn);
    if (!record) throw stateMachineDoesNotExist(arn);
    return record;
  }

  list(): StateMachineRecord[] {
    return [...this.#machines.values()];
  }

  /** Deleting is idempotent in AWS; running executions carry on with the definition they started with. */
  delete(arn: string): void {
    const record = this.#machines.get(arn);
    if (!record) return;
    this.#machines.delete(arn);
    this.#files?.remove('state-machines', record.name);
  }

  #save(record: StateMachineRecord): void {
    this.#machines.set(record.stateMachineArn, record);
    this.#files?.write('state-machines', record.name, () => record);
  }
}
