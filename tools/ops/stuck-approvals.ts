/** `ops stuck-approvals [--older-than 7d] [--as-of <time>]`: account requests pending longer than that. */
import { formatDuration } from '../../shared/domain/operations.ts';
import { stuckApprovals } from '../../shared/services/operations.ts';
import { parseAge, parseAsOf } from './args.ts';
import { stringOption, type CommandInput } from './command.ts';
import { requireAccountsTable } from './connection.ts';
import { print, table } from './output.ts';

/** Lists pending account requests older than `--older-than` (default 7 days), oldest first. */
export async function stuckApprovalsCommand(input: CommandInput): Promise<void> {
  requireAccountsTable();
  const olderThan = stringOption(input, 'older-than') ?? '7d';
  const asOf = parseAsOf(stringOption(input, 'as-of'));
  const rows = await stuckApprovals(parseAge(olderThan), asOf);
  print(rows, input.json, (list) =>
    table(
      list,
      [
        { header: 'REQUEST', value: (r) => r.requestId },
        { header: 'PLATFORM', value: (r) => r.platform },
        { header: 'REGION', value: (r) => r.region },
        { header: 'REQUESTER', value: (r) => r.requesterId },
        { header: 'CREATED', value: (r) => r.createdAt.slice(0, 19).replace('T', ' ') },
        { header: 'WAITING', value: (r) => formatDuration(asOf.getTime() - Date.parse(r.createdAt)), align: 'right' },
        { header: 'ASKED', value: (r) => r.approversAsked, align: 'right' },
      ],
      `No approval pending longer than ${olderThan}.`,
    ),
  );
}
