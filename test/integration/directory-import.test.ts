/**
 * `npm run directory -- import staff.csv` against the local runtime (issue 15.4): a dry run changes
 * nothing, the real run creates the people (who can then call the API with the roles the file gave
 * them), a second run finds everything unchanged, a changed field is an update, and a file with one
 * bad row writes nothing at all.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../shared/tables.ts';
import { apiClient } from '../support/api.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems } from '../support/tables.ts';
import { tokenFor } from '../support/tokens.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'directory-import' });
  api = apiClient(runtime.endpoints);
}, 120_000);
afterAll(() => runtime?.stop());

/** Runs the CLI on `csv`; answers its exit code and output. */
async function importCsv(csv: string, ...flags: string[]) {
  const file = join(runtime.dataDir, `staff-${Date.now()}.csv`);
  await writeFile(file, csv);
  const args = ['tools/directory.ts', 'import', file, '--local', '--data-dir', runtime.dataDir, ...flags];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: repositoryRoot });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout + failed.stderr };
  }
}

const directoryCount = async () => (await countItems(runtime.endpoints))[tables.directory.logicalId];
const me = async (staffId: string) =>
  api.get('/me', { token: await tokenFor(runtime.endpoints, runtime.dataDir, staffId, {}) });

const header = 'staffId,userName,name,email,roles,region,office,unit,supervisorId,active';
const good = [
  header,
  'csv-lee,lee@agency.example,"Lee, Pat",lee@agency.example,supervisor;staff,smoky-mountain,blount,,,',
  'csv-kim,kim@agency.example,Kim Caseworker,kim@agency.example,staff,smoky-mountain,blount,in-home,csv-lee,true',
  ',ray@agency.example,Ray Director,ray@agency.example,director,knox,knox-central,,,',
].join('\n');

describe('directory import', () => {
  it('a dry run prints what would be created and writes nothing', async () => {
    const before = await directoryCount();
    const { code, stdout } = await importCsv(good, '--dry-run');
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('line 2 lee@agency.example (csv-lee): create');
    expect(stdout).toContain('line 3 kim@agency.example (csv-kim): create');
    expect(stdout).toMatch(/line 4 ray@agency\.example \(stf-[0-9a-f-]{36}\): create/);
    expect(stdout).toContain('3 to create, 0 to update, 0 unchanged; dry run: nothing written.');
    expect(await directoryCount()).toBe(before);
    expect((await me('csv-lee')).status).toBe(401);
  });

  it('the real run creates the people, who are authorized by the roles, region and supervisor it gave', async () => {
    const { code, stdout } = await importCsv(good);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('3 to create, 0 to update, 0 unchanged; 3 written.');
    const lee = await me('csv-lee');
    expect(lee.status).toBe(200);
    expect(lee.body.caller).toEqual({
      id: 'csv-lee',
      roles: ['supervisor', 'staff'],
      region: 'smoky-mountain',
      office: 'blount',
    });
    expect(lee.body.staff).toMatchObject({ name: 'Lee, Pat', userName: 'lee@agency.example', source: 'csv' });
    expect((await me('csv-kim')).body.staff).toMatchObject({ supervisorId: 'csv-lee', unit: 'in-home', active: true });
  });

  it('a second run finds everyone unchanged and writes nothing', async () => {
    const before = await directoryCount();
    const { code, stdout } = await importCsv(good);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('line 2 lee@agency.example (csv-lee): unchanged');
    // Ray had no staffId: the userName finds the id the first run gave him.
    expect(stdout).toMatch(/line 4 ray@agency\.example \(stf-[0-9a-f-]{36}\): unchanged/);
    expect(stdout).toContain('0 to create, 0 to update, 3 unchanged; 0 written.');
    expect(await directoryCount()).toBe(before);
  });

  it('a changed row is an update naming the fields; deactivation stops access at once', async () => {
    const changed = good
      .replace('Kim Caseworker', 'Kim Senior')
      .replace('in-home,csv-lee,true', 'in-home,csv-lee,false');
    const { code, stdout } = await importCsv(changed);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('line 3 kim@agency.example (csv-kim): update name, active');
    expect((await me('csv-kim')).status).toBe(403);
  });

  it('one bad row of any kind and nothing is written, every error reported', async () => {
    const before = await directoryCount();
    const bad = [
      header,
      ',new@agency.example,New Person,new@agency.example,staff,smoky-mountain,sevier,,,',
      ',wiz@agency.example,Wiz,wiz@agency.example,wizard,smoky-mountain,sevier,,,',
      ',far@agency.example,Far,far@agency.example,staff,atlantis,sevier,,,',
      ',mail@agency.example,Mail,not-an-address,staff,smoky-mountain,sevier,,,',
      ',NEW@agency.example,Twice,twice@agency.example,staff,smoky-mountain,sevier,,,',
      ',sup@agency.example,Sup,sup@agency.example,staff,smoky-mountain,sevier,,stf-nobody,',
    ].join('\n');
    const { code, stdout } = await importCsv(bad);
    expect(code, stdout).toBe(1);
    expect(stdout).toMatch(/line 2 new@agency\.example \(stf-[^)]+\): create/);
    expect(stdout).toContain('line 3 wiz@agency.example: error: unknown role(s): wizard');
    expect(stdout).toContain('line 4 far@agency.example: error: unknown region atlantis');
    expect(stdout).toContain('line 5 mail@agency.example: error: email not-an-address is not an address');
    expect(stdout).toContain('line 6 NEW@agency.example: error: userName repeats line 2');
    expect(stdout).toContain('supervisor stf-nobody is neither in the directory nor in this file');
    expect(stdout).toContain('5 error(s): nothing written.');
    expect(await directoryCount()).toBe(before);
  });

  it('refuses a person the identity provider manages', async () => {
    const scim = `${header}\nstf-staff,staff@agency.example,Sky,staff@agency.example,staff,smoky-mountain,sevier,,,`;
    const { code, stdout } = await importCsv(scim);
    expect(code).toBe(1);
    expect(stdout).toContain('stf-staff is managed by the identity provider (SCIM); change them there');
  });
});
