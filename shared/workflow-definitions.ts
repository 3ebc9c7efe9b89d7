/**
 * The one reader of the workflows' ASL files, for the CDK stack (infra/constructs/workflows.ts) and
 * the local runtime (local/runtime.ts) alike, so both get the same definition. It expands the
 * `"$RetryableErrors"` marker into the names of shared/retryable-errors.ts: the 34 Retry blocks name
 * one list instead of repeating it. The expansion happens here, before DefinitionSubstitutions,
 * because those replace a placeholder with a string and cannot put a list inside `ErrorEquals`.
 * No function imports it (it reads files); shared/workflows.ts, which they do import, stays free of it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { retryableErrorNames } from './retryable-errors.ts';
import type { WorkflowDefinition } from './workflows.ts';

/** How an ASL file writes "the retryable errors" as an element of `ErrorEquals`. */
export const retryableErrorsMarker = '"$RetryableErrors"';

/** `definition` with every marker replaced by the names, as JSON strings, on the marker's line. */
export const expandRetryableErrors = (definition: string): string =>
  definition.replaceAll(retryableErrorsMarker, retryableErrorNames.map((name) => JSON.stringify(name)).join(', '));

/** The ASL of `workflow` as read from `root` (the repository's), its markers expanded, placeholders left. */
export const readDefinition = (workflow: Pick<WorkflowDefinition, 'file'>, root: string): string =>
  expandRetryableErrors(readFileSync(resolve(root, workflow.file), 'utf8'));
