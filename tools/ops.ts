/**
 * `npm run ops -- <command> [options]`: what operations staff need beside the dashboard. Works
 * against AWS (standard credentials and region, the deployed stack) or, with `--local`, against
 * the local runtime. Commands live in tools/ops/, one file each.
 */
import { parseArgs } from 'node:util';
import type { CommandInput } from './ops/command.ts';
import { connect } from './ops/connection.ts';
import { listExecutionsCommand } from './ops/executions.ts';
import { UsageError } from './ops/output.ts';
import { redriveCommand } from './ops/redrive.ts';
import { rotationsCommand } from './ops/rotations.ts';
import { stuckApprovalsCommand } from './ops/stuck-approvals.ts';
import { timelineCommand } from './ops/timeline.ts';

const commands: Record<string, { run: (input: CommandInput) => Promise<void>; usage: string }> = {
  executions: {
    run: listExecutionsCommand,
    usage: 'executions [--workflow AccountApproval] [--status FAILED] [--limit 20]   recent executions, newest first',
  },
  timeline: {
    run: timelineCommand,
    usage: "timeline <execution ARN | Workflow:name>                               one execution's history",
  },
  'stuck-approvals': {
    run: stuckApprovalsCommand,
    usage: 'stuck-approvals [--older-than 7d] [--as-of <time>]                     approvals pending too long',
  },
  rotations: {
    run: rotationsCommand,
    usage: 'rotations [--due | --overdue] [--as-of <time>]                          rotations due or overdue',
  },
  redrive: {
    run: redriveCommand,
    usage: 'redrive <execution ARN | Workflow:name>                                resume a failed execution',
  },
};

const help = `Usage: npm run ops -- <command> [options]

Commands:
${Object.values(commands)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

Where:
  --local [--data-dir .local]     the local runtime (npm start), from <data-dir>/endpoints.json
  (default)                       AWS: standard credentials and region; --stack OfficialAccounts,
                                  --region <region>, --accounts-table <AccountsTableName output>
Output:
  --json                          JSON instead of a table
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      local: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.local' },
      stack: { type: 'string', default: 'OfficialAccounts' },
      region: { type: 'string' },
      'accounts-table': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      workflow: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      'older-than': { type: 'string' },
      'as-of': { type: 'string' },
      due: { type: 'boolean' },
      overdue: { type: 'boolean' },
    },
  });
  const [name, ...rest] = positionals;
  const command = name ? commands[name] : undefined;
  if (values.help || !command) {
    process.stdout.write(help);
    return values.help || !name ? 0 : 2;
  }
  const connection = await connect({
    local: values.local,
    dataDir: values['data-dir'],
    stack: values.stack,
    ...(values.region ? { region: values.region } : {}),
    ...(values['accounts-table'] ? { accountsTable: values['accounts-table'] } : {}),
  });
  try {
    await command.run({ connection, json: values.json, options: values, positionals: rest });
  } finally {
    connection.sfn.destroy();
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`ops: ${usage ? '' : `${(error as Error).name}: `}${(error as Error).message}\n`);
  process.exitCode = usage ? 2 : 1;
}
