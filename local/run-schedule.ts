/**
 * `npm run schedule -- <name>`: runs one scheduled job now against the running local system, the
 * way EventBridge Scheduler would invoke it (a separate process with the function's environment,
 * read from the data directory). Lists the schedules when no name is given.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { schedules, type ScheduleDefinition } from '../shared/schedules.ts';
import { createFunctionInvoker } from './functions.ts';
import { scheduledEvent } from './scheduler.ts';
import { functionNameOf } from '../shared/workflows.ts';

const { values, positionals } = parseArgs({
  options: { 'data-dir': { type: 'string', default: '.local' } },
  allowPositionals: true,
});
const [name] = positionals;
const known = schedules as Record<string, ScheduleDefinition>;
if (!name || !known[name]) {
  process.stdout.write(
    `Usage: npm run schedule -- <name> [--data-dir .local]\n\nSchedules:\n${Object.entries(known)
      .map(([key, s]) => `  ${key.padEnd(24)} ${s.expression.padEnd(18)} ${s.description}`)
      .join('\n')}\n`,
  );
  process.exit(name ? 1 : 0);
}
const dataDir = resolve(values['data-dir']);
const environment = JSON.parse(
  await readFile(join(dataDir, 'function-env.json'), 'utf8').catch(() => {
    process.stderr.write(`No running local system under ${dataDir}; start it with npm start.\n`);
    process.exit(1);
  }),
) as Record<string, string>;
Object.assign(process.env, environment);
const invoke = createFunctionInvoker(resolve(import.meta.dirname, '..'));
const result = await invoke(functionNameOf(known[name].module), scheduledEvent(name));
process.stdout.write(`${name}: ${JSON.stringify(result)}\n`);
