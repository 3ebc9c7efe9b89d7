/**
 * An execution's event history as GetExecutionHistory returns it: numbered events, each with the
 * `<type>EventDetails` member AWS uses for its type (`stateEnteredEventDetails` for every
 * `*StateEntered`, `taskScheduledEventDetails` for TaskScheduled...). Data members hold JSON text,
 * as AWS's do.
 */

/** One event as kept (and persisted); historyEventToWire gives it AWS's shape. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** Epoch milliseconds. */
  timestamp: number;
  type: string;
  details?: Record<string, unknown>;
}

/** AWS reports whether a data member was cut at its size quota; nothing is cut locally. */
export const inputData = (json: string) => ({ input: json, inputDetails: { truncated: false } });
export const outputData = (json: string) => ({ output: json, outputDetails: { truncated: false } });

/** The events of one execution; closed to further events once the terminal one is in. */
export class ExecutionHistory {
  readonly events: HistoryEvent[];
  readonly #onChange: () => void;
  #closed = false;

  constructor(events: HistoryEvent[], onChange: () => void) {
    this.events = events;
    this.#onChange = onChange;
  }

  /** Appends an event; ignored once the execution has closed (work still unwinding after a stop). */
  add(type: string, details?: Record<string, unknown>, timestamp = Date.now()): void {
    if (this.#closed) return;
    const last = this.events.at(-1);
    this.events.push({
      id: (last?.id ?? 0) + 1,
      // As in AWS histories, ExecutionStarted and the first event after it point at no predecessor.
      previousEventId: this.events.length <= 1 ? 0 : (last?.id ?? 0),
      timestamp,
      type,
      ...(details ? { details } : {}),
    });
    this.#onChange();
  }

  /** Appends the execution's terminal event and takes no more. */
  close(type: string, details?: Record<string, unknown>, timestamp = Date.now()): void {
    this.add(type, details, timestamp);
    this.seal();
  }

  /** Takes no more events. */
  seal(): void {
    this.#closed = true;
  }

  /** Takes events again: the execution was redriven. */
  reopen(): void {
    this.#closed = false;
  }
}

/** The details member's name for an event type. */
function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type[0]?.toLowerCase()}${type.slice(1)}EventDetails`;
}

// What includeExecutionData=false leaves out: the execution's data, not its errors or resources.
const DATA_MEMBERS = new Set(['input', 'inputDetails', 'output', 'outputDetails', 'parameters']);

/** An event as the wire carries it: epoch seconds, details under their AWS member name. */
export function historyEventToWire(event: HistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
  let details = event.details;
  if (details && !includeExecutionData)
    details = Object.fromEntries(Object.entries(details).filter(([key]) => !DATA_MEMBERS.has(key)));
  return {
    timestamp: event.timestamp / 1000,
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
    ...(details ? { [detailsKey(event.type)]: details } : {}),
  };
}
