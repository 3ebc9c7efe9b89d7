/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may hold
 * commas, line breaks and doubled quotes (`""`). No CSV package is installed, and staff files from
 * spreadsheets carry exactly these cases (an office name with a comma, a quoted name).
 */

/** Thrown for text that is not CSV; `line` is 1-based. */
export class CsvError extends Error {
  override name = 'CsvError';
  readonly line: number;
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

/** The records of `text`, each a list of fields; a byte-order mark and a last empty line are ignored. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
          throw new CsvError('a closing quote must end its field', line);
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new CsvError('a quote may only open a field', line);
      quoted = true;
    } else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
    } else field += c;
    i++;
  }
  if (quoted) throw new CsvError('a quoted field is not closed', line);
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Records as objects keyed by the header row's names; blank lines skipped; `line` is the record's first line. */
export function csvObjects(text: string): {
  header: string[];
  rows: Array<{ line: number; values: Record<string, string> }>;
} {
  const records = parseCsv(text);
  const [header = [], ...body] = records;
  const names = header.map((name) => name.trim());
  const rows: Array<{ line: number; values: Record<string, string> }> = [];
  let line = 2;
  for (const record of body) {
    const here = line;
    line += 1 + record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    if (record.length === 1 && record[0]!.trim() === '') continue;
    if (record.length !== names.length)
      throw new CsvError(`${record.length} fields where the header has ${names.length}`, here);
    rows.push({ line: here, values: Object.fromEntries(names.map((name, i) => [name, record[i]!.trim()])) });
  }
  return { header: names, rows };
}
