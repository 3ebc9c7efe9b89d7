/** The staff file's CSV reader (RFC 4180): what spreadsheets write must come back field for field. */
import { describe, expect, it } from 'vitest';
import { CsvError, csvObjects, parseCsv } from '../../tools/directory/csv.ts';

describe('parseCsv', () => {
  it('splits fields on commas and records on LF or CRLF', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,,6\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    expect(parseCsv('name,office\n"Doe, Jane","Sevier ""Main""\nOffice"')).toEqual([
      ['name', 'office'],
      ['Doe, Jane', 'Sevier "Main"\nOffice'],
    ]);
  });

  it('ignores a byte-order mark and reads a last record without a line break', () => {
    expect(parseCsv('\uFEFFa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
    expect(() => parseCsv('a\n"x"y')).toThrow('line 2');
    expect(() => parseCsv('a\nx"y"')).toThrow(CsvError);
  });
});

describe('csvObjects', () => {
  it("keys each row by the header's names, trimmed, skipping blank lines and numbering lines as in the file", () => {
    const { header, rows } = csvObjects('userName , name\n"a@x.example","A\nB"\n\nb@x.example, B \n');
    expect(header).toEqual(['userName', 'name']);
    expect(rows).toEqual([
      { line: 2, values: { userName: 'a@x.example', name: 'A\nB' } },
      { line: 5, values: { userName: 'b@x.example', name: 'B' } },
    ]);
  });

  it('refuses a row with more or fewer fields than the header', () => {
    expect(() => csvObjects('a,b\n1\n')).toThrow('line 2: 1 fields where the header has 2');
  });
});
