/** `ops rotations [--due | --overdue] [--as-of <time>]`: rotations that need a person. */
import { formatDuration } from '../../shared/domain/operations.ts';
import { rotationsNeedingAttention } from '../../shared/services/operations.ts';
import { parseAsOf } from './args.ts';
import { stringOption, type CommandInput } from './command.ts';
import { requireAccountsTable } from './connection.ts';
import { print, table } from './output.ts';

/**
 * Due: active accounts past their next rotation date with no rotation open. Overdue: open
 * rotations past the date the administrator was asked to finish by. Both by default.
 */
export async function rotationsCommand(input: CommandInput): Promise<void> {
  requireAccountsTable();
  const asOf = parseAsOf(stringOption(input, 'as-of'));
  const pastDue = (since: string) => formatDuration(asOf.getTime() - Date.parse(since));
  const only = input.options.due ? 'due' : input.options.overdue ? 'overdue' : undefined;
  const found = await rotationsNeedingAttention(asOf);
  const data = {
    asOf: asOf.toISOString(),
    ...(only !== 'overdue' ? { due: found.due } : {}),
    ...(only !== 'due' ? { overdue: found.overdue } : {}),
  };
  print(data, input.json, (d) => {
    const parts: string[] = [];
    if (d.due) {
      parts.push(
        `Due (past the next rotation date, none open) as of ${d.asOf}:\n${table(d.due, [
          { header: 'ACCOUNT', value: (r) => r.accountId },
          { header: 'PLATFORM', value: (r) => r.platform },
          { header: 'REGION', value: (r) => r.region },
          { header: 'DUE SINCE', value: (r) => r.nextRotationDue.slice(0, 19).replace('T', ' ') },
          { header: 'PAST DUE', value: (r) => pastDue(r.nextRotationDue), align: 'right' },
        ])}`,
      );
    }
    if (d.overdue) {
      parts.push(
        `Overdue (open past the date asked for) as of ${d.asOf}:\n${table(d.overdue, [
          { header: 'ACCOUNT', value: (r) => r.accountId },
          { header: 'ROTATION', value: (r) => r.rotationId },
          { header: 'REASON', value: (r) => r.reason },
          { header: 'STATUS', value: (r) => r.status },
          { header: 'DUE', value: (r) => r.dueAt.slice(0, 19).replace('T', ' ') },
          { header: 'PAST DUE', value: (r) => pastDue(r.dueAt), align: 'right' },
        ])}`,
      );
    }
    return parts.join('\n');
  });
}
