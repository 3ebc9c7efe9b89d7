/**
 * `npm run directory -- import staff.csv [--dry-run] [--local]`: a first load of the staff directory
 * from CSV for agencies without SCIM (issue 15.4). It prints what each row would change; with
 * --dry-run it writes nothing. Against AWS (standard credentials and region, the stack's table names)
 * or, with --local, the local runtime (npm start).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { roles } from '../shared/auth/roles.ts';
import { tables } from '../shared/tables.ts';
import { CsvError } from './directory/csv.ts';
import { applyImport, describePlan, planImport } from './directory/import.ts';

/** `text` broken at spaces into lines of at most `width`, each indented by `indent`. */
const wrap = (text: string, indent: number, width: number) =>
  text
    .split(' ')
    .reduce<string[]>((lines, word) => {
      const last = lines.at(-1);
      if (last !== undefined && last.length + word.length + 1 <= width - indent)
        lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
      return lines;
    }, [])
    .map((line) => `${' '.repeat(indent)}${line}`)
    .join('\n');

const help = `Usage: npm run directory -- import <staff.csv> [--dry-run] [--local]

Loads people into the staff directory from a CSV file (RFC 4180: a header row, then one person a row;
quote a field that holds commas, quotes or line breaks). Columns, in any order:
  staffId       optional: the person's id (their token's subject); else the id of whoever holds the
                userName, else a new stf-<uuid>, as SCIM assigns
  userName      required, unique (case-insensitive): the person's sign-in name
  name, email   required
  roles         required: one or more of the API's roles, separated by spaces or semicolons
${wrap(roles.join(', '), 16, 100)}
  region        required: a region id of the directory (GET /regions)
  office        required: an office id of that region
  unit          optional
  supervisorId  optional: a staffId in the directory or in this file
  active        optional: true (default) or false; false stops the person's access at once (report a
                departure with POST /departures to revoke grants and get the leaver report)

Prints per row: create, update (with the changed fields), unchanged, or error (with the reasons).
If any row is in error, nothing is written. People the identity provider manages (SCIM) are refused.

Options:
  --dry-run                      print what would change; write nothing
  --local [--data-dir .local]    the local runtime, from <data-dir>/endpoints.json
  (default)                      AWS: standard credentials and region (--region <region>), and the
                                 stack's tables: --directory-table <DirectoryTableName output>
                                 --audit-table <AuditTableName output>
                                 --profile <profile as deployed, e.g. tn-dcs> (the audit's retention)
  --actor <id>                   who the audit trail names (default: directory-import)
`;

/** Thrown for a wrong invocation: printed without a stack, exit code 2. */
class UsageError extends Error {}

/** Configures the environment the shared adapters read, as a function's would be. */
async function connect(values: Record<string, string | boolean | undefined>): Promise<string> {
  if (values.local) {
    const file = join(resolve(String(values['data-dir'])), 'endpoints.json');
    const text = await readFile(file, 'utf8').catch(() => {
      throw new UsageError(
        `No running local system: ${file} is missing (start it with npm start, or pass --data-dir).`,
      );
    });
    const endpoints = JSON.parse(text) as { region: string; profile: string; aws: { dynamodb: string } };
    Object.assign(process.env, {
      // The audit entries it writes carry the profile's retention (CT-06), as a function's would.
      POLICY_PROFILE: endpoints.profile,
      AWS_REGION: endpoints.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.aws.dynamodb,
      [tables.directory.envVar]: tables.directory.logicalId,
      [tables.audit.envVar]: tables.audit.logicalId,
    });
    return `local runtime (${resolve(String(values['data-dir']))})`;
  }
  if (!values['directory-table'] || !values['audit-table'] || !values.profile)
    throw new UsageError(
      'Against AWS, pass --directory-table, --audit-table (the stack outputs) and --profile (as deployed), or --local.',
    );
  process.env.POLICY_PROFILE = String(values.profile);
  if (values.region) process.env.AWS_REGION = String(values.region);
  process.env[tables.directory.envVar] = String(values['directory-table']);
  process.env[tables.audit.envVar] = String(values['audit-table']);
  return `AWS table ${values['directory-table']}`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      local: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.local' },
      region: { type: 'string' },
      'directory-table': { type: 'string' },
      'audit-table': { type: 'string' },
      profile: { type: 'string' },
      actor: { type: 'string', default: 'directory-import' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, file, ...extra] = positionals;
  if (values.help || command !== 'import' || !file || extra.length) {
    process.stdout.write(help);
    return values.help ? 0 : 2;
  }
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`Cannot read ${file}.`);
  });
  const where = await connect(values);
  const plan = await planImport(text);
  process.stdout.write(`${values['dry-run'] ? 'Dry run against' : 'Importing into'} ${where}\n`);
  for (const line of describePlan(plan)) process.stdout.write(`${line}\n`);
  const errors = plan.problems.length + plan.rows.filter((r) => r.action === 'error').length;
  const count = (action: string) => plan.rows.filter((r) => r.action === action).length;
  const summary = `${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged`;
  if (errors) {
    process.stdout.write(`${summary}; ${errors} error(s): nothing written.\n`);
    return 1;
  }
  if (values['dry-run']) {
    process.stdout.write(`${summary}; dry run: nothing written.\n`);
    return 0;
  }
  const written = await applyImport(plan, values.actor);
  process.stdout.write(`${summary}; ${written} written.\n`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const usage =
    error instanceof UsageError ||
    error instanceof CsvError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`directory: ${usage ? '' : `${(error as Error).name}: `}${(error as Error).message}\n`);
  process.exitCode = usage ? 2 : 1;
}
