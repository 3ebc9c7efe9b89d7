/**
 * The history events of one Task attempt, in the family AWS reports for its resource:
 * `LambdaFunction*` when `Resource` is a function ARN, `Task*` for service integrations such as
 * `arn:aws:states:::lambda:invoke`.
 */
import { inputData, outputData, type ExecutionHistory } from './history.ts';

/** A Task's `Resource`, classified. */
export type TaskResource =
  | { kind: 'function'; arn: string }
  | { kind: 'service'; resourceType: string; resource: string; callback: boolean }
  | { kind: 'unsupported'; arn: string };

/** Service integrations name their events' resourceType and resource after the ARN's last two parts. */
export function classifyResource(arn: string): TaskResource {
  if (/^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[^:]+(:[^:]+)?$/.test(arn)) return { kind: 'function', arn };
  const service = /^arn:aws[\w-]*:states:[a-z0-9-]*:(?:\d{12})?:([a-z0-9-]+):([\w.-]+)$/.exec(arn);
  if (service?.[1] && service[2]) {
    return {
      kind: 'service',
      resourceType: service[1],
      resource: service[2],
      callback: service[2].endsWith('.waitForTaskToken'),
    };
  }
  return { kind: 'unsupported', arn };
}

const json = (value: unknown) => JSON.stringify(value) ?? 'null';

/** Records an attempt's events with the details AWS gives them for this kind of resource. */
export class TaskEvents {
  readonly #history: ExecutionHistory;
  readonly #region: string;
  /** A function ARN's events name the function; a service integration's, its resourceType and resource. */
  readonly #functionArn: string | undefined;
  readonly #service: { resourceType: string; resource: string } | undefined;

  constructor(history: ExecutionHistory, resource: Exclude<TaskResource, { kind: 'unsupported' }>, region: string) {
    this.#history = history;
    this.#region = region;
    this.#functionArn = resource.kind === 'function' ? resource.arn : undefined;
    this.#service =
      resource.kind === 'service' ? { resourceType: resource.resourceType, resource: resource.resource } : undefined;
  }

  scheduled(input: unknown, timeoutInSeconds: number | undefined, heartbeatInSeconds: number | undefined): void {
    if (this.#service) {
      this.#history.add('TaskScheduled', {
        ...this.#service,
        region: this.#region,
        parameters: json(input),
        timeoutInSeconds,
        heartbeatInSeconds,
      });
    } else {
      this.#history.add('LambdaFunctionScheduled', {
        resource: this.#functionArn,
        ...inputData(json(input)),
        timeoutInSeconds,
      });
    }
  }

  started(): void {
    if (this.#service) this.#history.add('TaskStarted', this.#service);
    else this.#history.add('LambdaFunctionStarted');
  }

  /** A callback task's request went out; its result comes later, through SendTaskSuccess. */
  submitted(output: unknown): void {
    if (this.#service) this.#history.add('TaskSubmitted', { ...this.#service, ...outputData(json(output)) });
  }

  succeeded(output: unknown): void {
    this.#history.add(this.#service ? 'TaskSucceeded' : 'LambdaFunctionSucceeded', {
      ...this.#service,
      ...outputData(json(output)),
    });
  }

  failed(error: string | undefined, cause: string | undefined): void {
    this.#history.add(this.#service ? 'TaskFailed' : 'LambdaFunctionFailed', { ...this.#service, error, cause });
  }

  timedOut(error: string): void {
    this.#history.add(this.#service ? 'TaskTimedOut' : 'LambdaFunctionTimedOut', { ...this.#service, error });
  }
}
