/**
 * The reasons of infra/nag.ts are what a reviewer reads instead of the code, so what they cite must
 * exist and what they claim must match what infra builds.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { functionSpecs } from '../../infra/constructs/functions.ts';
import { repositoryRoot } from '../../infra/lambda-defaults.ts';
import { acknowledgments, type AcknowledgmentEntry } from '../../infra/nag.ts';
import { accessLogFields } from '../../infra/edge-stack.ts';
import { routeList } from '../../shared/routes/index.ts';
import { workflows, type WorkflowDefinition } from '../../shared/workflows.ts';

const entries = Object.entries(acknowledgments as Record<string, AcknowledgmentEntry>);
const specs = functionSpecs(routeList(), workflows as Record<string, WorkflowDefinition>);

describe('cdk-nag acknowledgments', () => {
  it.each(entries)('%s cites only files that exist', (_key, entry) => {
    const cited = `${entry.appliedTo} ${entry.reason}`.match(
      /\b(?:shared|infra|functions|workflows|local)\/[\w./-]+\.\w+/g,
    );
    for (const path of cited ?? []) expect(existsSync(resolve(repositoryRoot, path)), path).toBe(true);
  });

  it('the credential-secret wildcard names every access kind that produces it', () => {
    const kinds = new Set(
      specs.flatMap((spec) => spec.access.secrets ?? []).filter((s) => s.startsWith('credentials')),
    );
    for (const kind of kinds) expect(acknowledgments.credentialSecrets.appliedTo).toContain(`'${kind}'`);
  });

  it('the credential-secret reason does not claim the tag binds a secret to an account: only its presence is required', () => {
    expect(acknowledgments.credentialSecrets.reason).toMatch(/presence/);
  });

  it('the public-route reason describes the link as the bearer token it is', () => {
    expect(acknowledgments.publicRoute.reason).not.toMatch(/bound to one approver/);
    expect(acknowledgments.publicRoute.reason).toMatch(/bearer/);
  });

  it("the edge-logging reason names the fields the distribution's access logs leave out, and only those", () => {
    for (const field of ['cs-uri-query', 'cs(Cookie)']) {
      expect(acknowledgments.edgeStandardLogging.reason).toContain(field);
      expect(accessLogFields as readonly string[]).not.toContain(field);
    }
  });
});
