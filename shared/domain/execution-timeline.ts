/**
 * One execution's history as a timeline a person can read: states entered and exited, tasks
 * scheduled, succeeded or failed, how long each took and the names of errors. It reads names,
 * times and error names only, never an event's input, output, parameters or cause, which carry
 * people's data.
 */
import { formatDuration } from './operations.ts';

/** A history event as the timeline needs it (the SDK's HistoryEvent fits). */
export interface HistoryFact {
  id?: number;
  previousEventId?: number;
  type?: string;
  timestamp?: Date;
  stateEnteredEventDetails?: { name?: string };
  stateExitedEventDetails?: { name?: string };
}

export interface TimelineRow {
  /** Milliseconds since the execution started. */
  offsetMs: number;
  at: string;
  /** e.g. `state entered`, `task failed`, `execution succeeded`. */
  event: string;
  state?: string;
  /** How long the state, task or execution took, when this row ends one. */
  durationMs?: number;
  error?: string;
}

/** A task's events, under either name the history gives them (`TaskSucceeded`, `LambdaFunctionSucceeded`). */
const taskPhases = [
  'Scheduled',
  'Started',
  'Submitted',
  'Succeeded',
  'Failed',
  'TimedOut',
  'StartFailed',
  'ScheduleFailed',
  'SubmitFailed',
];
const taskEvent = new RegExp(`^(?:Task|LambdaFunction)(${taskPhases.join('|')})$`);

/** `LambdaFunctionScheduled` → `task scheduled`; `ChoiceStateEntered` → `state entered`. */
function describe(type: string): string {
  if (type.endsWith('StateEntered')) return 'state entered';
  if (type.endsWith('StateExited')) return 'state exited';
  const task = taskEvent.exec(type);
  if (task) return `task ${words(task[1]!)}`;
  const execution = /^Execution(.+)$/.exec(type);
  if (execution) return `execution ${words(execution[1]!)}`;
  return words(type);
}

const words = (camel: string): string => camel.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The `<x>EventDetails` member of an event, whatever its type. */
function detailsOf(event: HistoryFact): Record<string, unknown> | undefined {
  const value = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

const endsExecution = /^Execution(Succeeded|Failed|Aborted|TimedOut)$/;

/** Where a task is in its life: entered, then scheduled, started, ended. */
type Phase = 'entered' | 'scheduled' | 'started' | 'ended';
const phaseAfter: Record<string, Phase> = {
  Scheduled: 'scheduled',
  ScheduleFailed: 'ended',
  Started: 'started',
  StartFailed: 'ended',
  Submitted: 'started',
  Succeeded: 'ended',
  Failed: 'ended',
  TimedOut: 'ended',
  SubmitFailed: 'ended',
};
const phaseBefore: Record<string, Phase> = {
  Scheduled: 'entered',
  ScheduleFailed: 'entered',
  Started: 'scheduled',
  StartFailed: 'scheduled',
  Submitted: 'started',
  Succeeded: 'started',
  Failed: 'started',
  TimedOut: 'started',
  SubmitFailed: 'started',
};

/** The history, oldest event first, as timeline rows. */
export function executionTimeline(history: readonly HistoryFact[]): TimelineRow[] {
  const events = [...history].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const started = events[0]?.timestamp?.getTime() ?? 0;
  /** Entered time of each state still open, by name (a state may run in several branches: a stack). */
  const entered = new Map<string, number[]>();
  /** Task states in flight, oldest first, and the event each last moved on. */
  const tasks: Array<{ state: string; phase: Phase; lastEventId: number | undefined; scheduledAt?: number }> = [];

  /**
   * The task a task event belongs to. In AWS an event's previousEventId is its cause (Scheduled
   * points at the TaskStateEntered); where a history is only sequential (the local emulator)
   * or branches interleave, it is the latest task in the phase this event follows.
   */
  const taskOf = (event: HistoryFact, step: string) => {
    const open = tasks.filter((t) => t.phase === phaseBefore[step]);
    return open.find((t) => t.lastEventId !== undefined && t.lastEventId === event.previousEventId) ?? open.at(-1);
  };

  return events.map((event) => {
    const type = event.type ?? 'Unknown';
    const time = event.timestamp?.getTime() ?? started;
    const row: TimelineRow = { offsetMs: time - started, at: new Date(time).toISOString(), event: describe(type) };
    const task = taskEvent.exec(type);
    if (type.endsWith('StateEntered')) {
      const name = event.stateEnteredEventDetails?.name ?? '?';
      entered.set(name, [...(entered.get(name) ?? []), time]);
      if (type === 'TaskStateEntered') tasks.push({ state: name, phase: 'entered', lastEventId: event.id });
      row.state = name;
    } else if (type.endsWith('StateExited')) {
      const name = event.stateExitedEventDetails?.name ?? '?';
      const since = (entered.get(name) ?? []).pop();
      const index = tasks.findIndex((t) => t.state === name);
      if (index >= 0) tasks.splice(index, 1);
      row.state = name;
      if (since !== undefined) row.durationMs = time - since;
    } else if (task) {
      const step = task[1]!;
      const owner = taskOf(event, step);
      if (owner) {
        row.state = owner.state;
        owner.phase = phaseAfter[step]!;
        owner.lastEventId = event.id;
        if (step === 'Scheduled') owner.scheduledAt = time;
        else if (owner.phase === 'ended' && owner.scheduledAt !== undefined) row.durationMs = time - owner.scheduledAt;
      }
    } else if (endsExecution.test(type)) {
      row.durationMs = time - started;
    }
    const error = detailsOf(event)?.error;
    if (typeof error === 'string' && error !== '') row.error = error;
    return row;
  });
}

/** A timeline as aligned text lines: offset, event, state, duration, error. */
export function timelineLines(rows: readonly TimelineRow[]): string[] {
  const offset = (ms: number) => `+${formatDuration(ms)}`;
  const width = (pick: (row: TimelineRow) => string) => Math.max(0, ...rows.map((r) => pick(r).length));
  const offsetWidth = width((r) => offset(r.offsetMs));
  const eventWidth = width((r) => r.event);
  const stateWidth = width((r) => r.state ?? '');
  const took = (row: TimelineRow) => (row.durationMs !== undefined ? `took ${formatDuration(row.durationMs)}` : '');
  const tookWidth = width(took);
  return rows.map((row) =>
    [
      offset(row.offsetMs).padStart(offsetWidth),
      row.event.padEnd(eventWidth),
      (row.state ?? '').padEnd(stateWidth),
      took(row).padEnd(tookWidth),
      row.error ? `error ${row.error}` : '',
    ]
      .join('  ')
      .trimEnd(),
  );
}
