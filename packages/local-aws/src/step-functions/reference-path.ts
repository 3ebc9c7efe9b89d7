/**
 * Reads ASL Reference Paths (`$.a.b`, `$['a b'][0]`): the single-value JSONPath subset ASL allows in
 * *Path fields. Used where the runtime needs a value the interpreter does not hand out
 * (TimeoutSecondsPath, HeartbeatSecondsPath, a Map's item count); the interpreter still evaluates
 * every path that decides the workflow's data.
 */

/** The value at `path` in `root`, or undefined when the path is absent, malformed or not a reference path. */
export function readReferencePath(path: string, root: unknown): unknown {
  const segments = parse(path);
  if (!segments) return undefined;
  let value: unknown = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[segment];
    } else {
      if (Array.isArray(value) || !Object.hasOwn(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return value;
}

function parse(path: string): Array<string | number> | undefined {
  if (!path.startsWith('$') || path.startsWith('$$')) return undefined;
  const segments: Array<string | number> = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = /^\.([^.[\]]+)|^\[(\d+)\]|^\['((?:[^'\\]|\\.)*)'\]|^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push((match[3] ?? match[4] ?? '').replace(/\\(.)/g, '$1'));
    rest = rest.slice(match[0].length);
  }
  if (segments.some((segment) => segment === '*')) return undefined;
  return segments;
}
