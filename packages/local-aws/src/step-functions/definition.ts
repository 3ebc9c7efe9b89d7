/**
 * State machine definitions: validation at CreateStateMachine, and the private copy each execution
 * hands to the interpreter. The ASL a caller stores is never changed (DescribeStateMachine returns it
 * byte for byte); only the interpreter's copy is adjusted, where aws-local-stepfunctions would
 * otherwise behave differently from Step Functions.
 */
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { invalidDefinition } from './errors.ts';

type Json = Record<string, unknown>;

/** One state of a machine, nested Map and Parallel states included. */
export interface StateInfo {
  /** ASL requires names to be unique across the whole machine, nested states included. */
  name: string;
  /** The state's key under the context object's `States` and `Tasks` (see rewriteContextPaths). */
  id: string;
  type: string;
  /** The state as written, for what the runtime reports (TimeoutSeconds, Resource, Fail's Error). */
  definition: Json;
  /** A Task's TimeoutSeconds as the runtime's waitTimeOverrides shorten it, in place of the definition's. */
  timeoutOverrideSeconds?: number;
  /**
   * A Task's TimeoutSecondsPath, which the runtime resolves against the state input (see prepareDefinition);
   * `viaParameters` when the value reaches the handler under TIMEOUT_KEY of the effective input.
   */
  timeoutPath?: { path: string; viaParameters: boolean };
}

/** Where a TimeoutSecondsPath's value rides in the effective input to the runtime's Task handler. */
export const TIMEOUT_KEY = 'localSfnTimeoutSeconds';

/** The interpreter's copy of a definition, and its states by name for the runtime's own lookups. */
export interface PreparedDefinition {
  definition: StateMachineDefinition;
  states: Map<string, StateInfo>;
}

/** The longest delay Node's timers honour (about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

/** The context object member the rewritten `$$.Execution`, `$$.State`... paths point into. */
export const CONTEXT_KEY = 'localSfn';

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Calls `visit` for every state, depth first, nested Map and Parallel states included. */
function forEachState(machine: Json, visit: (name: string, state: Json) => void): void {
  const states = machine.States;
  if (!isObject(states)) return;
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    visit(name, state);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (isObject(processor)) forEachState(processor, visit);
    if (Array.isArray(state.Branches))
      for (const branch of state.Branches) if (isObject(branch)) forEachState(branch, visit);
  }
}

/**
 * Parses and validates a definition as CreateStateMachine does, with the interpreter's own ASL
 * validator; also refuses what the interpreter would silently run wrong.
 */
export function parseDefinition(text: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidDefinition(`INVALID_JSON_DESCRIPTION: ${(error as Error).message}`);
  }
  if (!isObject(parsed))
    throw invalidDefinition('INVALID_JSON_DESCRIPTION: a state machine definition is a JSON object');
  try {
    // The validator annotates what it checks, so it gets a copy.
    new StateMachine(structuredClone(parsed) as unknown as StateMachineDefinition, {
      validationOptions: { checkPaths: true, checkArn: true },
    });
  } catch (error) {
    const problems = (error as Error).message
      .replace(/^State machine definition is invalid, see error\(s\) below:/, '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    throw invalidDefinition(problems.join(', '));
  }
  const unsupported = unsupportedFeature(parsed);
  if (unsupported) throw invalidDefinition(`UNSUPPORTED_BY_LOCAL_RUNTIME: ${unsupported}`);
  return parsed;
}

/** Valid ASL the interpreter cannot run faithfully: better refused at create than misrun later. */
function unsupportedFeature(definition: Json): string | undefined {
  if (definition.QueryLanguage === 'JSONata') return 'JSONata (QueryLanguage) is not supported locally; use JSONPath';
  let found: string | undefined;
  forEachState(definition, (name, state) => {
    if (found) return;
    if (state.QueryLanguage === 'JSONata') found = `state '${name}' uses JSONata, which is not supported locally`;
    else if ('Assign' in state || JSON.stringify([state.Choices, state.Catch]).includes('"Assign"')) {
      found = `state '${name}' assigns workflow variables (Assign), which are not supported locally`;
    } else if ('ItemReader' in state || 'ResultWriter' in state || 'ItemBatcher' in state) {
      found =
        `Map state '${name}' reads, writes or batches items like a Distributed Map, which is not supported ` +
        'locally';
    }
  });
  return found;
}

/**
 * The interpreter's copy of a definition, with `onEnter(id)` called the moment the interpreter
 * fetches a state to enter it (synchronously, just before its StateEntered event). Adjustments:
 * - context paths are redirected (rewriteContextPaths);
 * - a Task without TimeoutSeconds gets the longest timer Node can run, as the interpreter would
 *   otherwise time every task out after 60 s where AWS waits (a callback task waits days);
 * - timeouts beyond Node's timer limit are capped at it rather than firing at once;
 * - a Task's TimeoutSecondsPath is resolved against the state input, as AWS does, not the effective
 *   input after Parameters, as the interpreter would; the runtime enforces it with its own timer
 *   (capped at Node's), since the interpreter's fires at once past 24.8 days;
 * - a Task named in `taskTimeoutOverrides` (ms) times out after that instead of its TimeoutSeconds or
 *   TimeoutSecondsPath, so a test sees a days-long callback wait end in seconds;
 * - `ResultPath: "$"` and `$['x']` forms are normalised, as the interpreter would write a key named
 *   "$" instead of replacing the input;
 * - a Pass state's falsy `Result` (0, false, "", null) moves to Parameters, which the interpreter
 *   would otherwise ignore.
 */
export function prepareDefinition(
  source: Json,
  onEnter: (id: string) => void,
  taskTimeoutOverrides: Record<string, number> = {},
): PreparedDefinition {
  const definition = structuredClone(source);
  const states = new Map<string, StateInfo>();
  const prepareMachine = (machine: Json) => {
    const holder = machine.States as Record<string, Json>;
    for (const [name, state] of Object.entries(holder)) {
      const id = `s${states.size}`;
      const info: StateInfo = { name, id, type: String(state.Type), definition: structuredClone(state) };
      const override = taskTimeoutOverrides[name];
      if (state.Type === 'Task' && override !== undefined) {
        info.timeoutOverrideSeconds = override / 1000;
        state.TimeoutSeconds = override / 1000;
        delete state.TimeoutSecondsPath;
      } else if (state.Type === 'Task' && typeof state.TimeoutSecondsPath === 'string') {
        const viaParameters = isObject(state.Parameters);
        info.timeoutPath = { path: state.TimeoutSecondsPath, viaParameters };
        if (viaParameters) (state.Parameters as Json)[`${TIMEOUT_KEY}.$`] = state.TimeoutSecondsPath;
        delete state.TimeoutSecondsPath;
      }
      states.set(name, info);
      rewriteContextPaths(state, id);
      adjustState(state);
      const processor = state.ItemProcessor ?? state.Iterator;
      if (isObject(processor)) prepareMachine(processor);
      if (Array.isArray(state.Branches)) for (const branch of state.Branches as Json[]) prepareMachine(branch);
      Object.defineProperty(holder, name, {
        enumerable: true,
        get() {
          onEnter(id);
          return state;
        },
      });
    }
  };
  prepareMachine(definition);
  if (typeof definition.TimeoutSeconds === 'number')
    definition.TimeoutSeconds = Math.min(definition.TimeoutSeconds, MAX_TIMER_SECONDS);
  return { definition: definition as unknown as StateMachineDefinition, states };
}

function adjustState(state: Json): void {
  if (state.Type === 'Task') {
    if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined)
      state.TimeoutSeconds = MAX_TIMER_SECONDS;
    else if (typeof state.TimeoutSeconds === 'number')
      state.TimeoutSeconds = Math.min(state.TimeoutSeconds, MAX_TIMER_SECONDS);
  }
  normaliseResultPath(state);
  if (Array.isArray(state.Catch))
    for (const catcher of state.Catch) if (isObject(catcher)) normaliseResultPath(catcher);
  if (state.Type === 'Pass' && 'Result' in state && !state.Result) {
    state.Parameters = state.Result;
    delete state.Result;
  }
}

function normaliseResultPath(holder: Json): void {
  if (typeof holder.ResultPath !== 'string') return;
  if (holder.ResultPath === '$') delete holder.ResultPath;
  else holder.ResultPath = holder.ResultPath.replace(/^\$\.?/, '');
}

const PATH_FIELDS = [
  'InputPath',
  'OutputPath',
  'ItemsPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
] as const;
const TEMPLATE_FIELDS = ['Parameters', 'ItemSelector', 'ResultSelector'] as const;
const CONTEXT_ROOT = /\$\$\.(Execution|StateMachine|State|Task)(?![\w$])/g;

/**
 * Points `$$.Execution`, `$$.StateMachine`, `$$.State` and `$$.Task` at a context member this
 * runtime owns. The interpreter resets `$$.Execution.Input` and `StartTime` for every Map iteration
 * and Parallel branch and has no `$$.State` or `$$.Task` at all; per-state members (entered time,
 * retry count, task token) live under the state's own id.
 */
function rewriteContextPaths(state: Json, id: string): void {
  for (const field of PATH_FIELDS)
    if (typeof state[field] === 'string') state[field] = rewriteExpression(state[field], id);
  for (const field of TEMPLATE_FIELDS) if (field in state) state[field] = rewriteTemplate(state[field], id);
  if (Array.isArray(state.Choices)) for (const rule of state.Choices) rewriteChoiceRule(rule, id);
}

function rewriteTemplate(value: unknown, id: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteTemplate(item, id));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key.endsWith('.$') && typeof item === 'string' ? rewriteExpression(item, id) : rewriteTemplate(item, id),
    ]),
  );
}

function rewriteChoiceRule(rule: unknown, id: string): void {
  if (!isObject(rule)) return;
  for (const [key, value] of Object.entries(rule)) {
    if (typeof value === 'string' && (key === 'Variable' || key.endsWith('Path')))
      rule[key] = rewriteExpression(value, id);
    else if (key === 'Not') rewriteChoiceRule(value, id);
    else if ((key === 'And' || key === 'Or') && Array.isArray(value))
      for (const inner of value) rewriteChoiceRule(inner, id);
  }
}

function rewriteExpression(expression: string, id: string): string {
  // Single-quoted parts of an intrinsic function are string literals and stay as they are.
  return expression
    .split(/('(?:[^'\\]|\\.)*')/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(CONTEXT_ROOT, (_match, root: string) => `$$.${CONTEXT_KEY}.${contextMember(root, id)}`),
    )
    .join('');
}

function contextMember(root: string, id: string): string {
  if (root === 'State') return `States.${id}`;
  if (root === 'Task') return `Tasks.${id}`;
  return root;
}
