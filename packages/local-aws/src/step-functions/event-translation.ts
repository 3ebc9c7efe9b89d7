/**
 * Turns the interpreter's event stream into Step Functions history events: `StateEntered` of a
 * Choice state becomes ChoiceStateEntered, a Map gets MapStateStarted and MapStateSucceeded around
 * its iterations, and so on. Task-level events (TaskScheduled, LambdaFunctionSucceeded...) come from
 * the task handlers; execution-level ones from the execution as it starts and closes.
 */
import type { StateMachine } from 'aws-local-stepfunctions';
import type { StateInfo } from './definition.ts';
import { inputData, outputData, type ExecutionHistory } from './history.ts';
import { readReferencePath } from './reference-path.ts';
import type { TaskStates } from './task-states.ts';

type LibraryEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

const json = (value: unknown) => JSON.stringify(value) ?? 'null';

/** Records one execution's interpreter events in its history, in the order the interpreter emitted them. */
export class EventTranslator {
  /** The Fail state the execution last entered, to tell its own Error and Cause from the interpreter's defaults. */
  lastFailState: StateInfo | undefined;
  readonly #history: ExecutionHistory;
  readonly #states: Map<string, StateInfo>;
  readonly #tasks: TaskStates;
  /** Map and Parallel states (per Map iteration) that failed since they were entered or retried. */
  readonly #failed = new Set<string>();

  constructor(history: ExecutionHistory, states: Map<string, StateInfo>, tasks: TaskStates) {
    this.#history = history;
    this.#states = states;
    this.#tasks = tasks;
  }

  record(event: LibraryEvent): void {
    const history = this.#history;
    switch (event.type) {
      case 'StateEntered': {
        const { name, type, input } = event.state;
        this.#failed.delete(`${name}#${event.index ?? ''}`);
        history.add(`${type}StateEntered`, { name, ...inputData(json(input)) }, event.timestamp);
        if (type === 'Fail') this.lastFailState = this.#states.get(name);
        this.#started(name, type, input, event.timestamp);
        return;
      }
      case 'StateExited': {
        const { name, type, output } = event.state;
        if ((type === 'Map' || type === 'Parallel') && !this.#failed.has(`${name}#${event.index ?? ''}`)) {
          history.add(`${type}StateSucceeded`, undefined, event.timestamp);
        }
        history.add(`${type}StateExited`, { name, ...outputData(json(output)) }, event.timestamp);
        return;
      }
      case 'StateFailed': {
        const { name, type } = event.state;
        this.#failed.add(`${name}#${event.index ?? ''}`);
        if (type === 'Map' || type === 'Parallel') history.add(`${type}StateFailed`, undefined, event.timestamp);
        // Only the interpreter's own timer fails a Task with States.Timeout; a handler's failures are recorded by the
        // handler.
        if (type === 'Task' && event.Error === 'States.Timeout') this.#tasks.timedOut(name);
        return;
      }
      case 'StateRetried': {
        const { name, type, input } = event.state;
        this.#failed.delete(`${name}#${event.index ?? ''}`);
        this.#started(name, type, input, event.timestamp);
        return;
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        history.add(event.type, { name: event.parentState.name, index: event.index }, event.timestamp);
        return;
      default:
        // Parallel branch events have no AWS counterpart; execution events are the execution's own.
        return;
    }
  }

  #started(name: string, type: string, input: unknown, timestamp: number): void {
    if (type === 'Parallel') this.#history.add('ParallelStateStarted', undefined, timestamp);
    if (type !== 'Map') return;
    const definition = this.#states.get(name)?.definition ?? {};
    const inputPath = definition.InputPath;
    const effective =
      inputPath === null ? {} : readReferencePath(typeof inputPath === 'string' ? inputPath : '$', input);
    const items = readReferencePath(typeof definition.ItemsPath === 'string' ? definition.ItemsPath : '$', effective);
    this.#history.add('MapStateStarted', { length: Array.isArray(items) ? items.length : undefined }, timestamp);
  }
}
