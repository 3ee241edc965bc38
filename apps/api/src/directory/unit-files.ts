/**
 * A directory of units as offices keep it: a spreadsheet (.xlsx) or a CSV file with a header row, the columns
 * found by their Vietnamese names in any order ("Mã đơn vị", "Tên đơn vị", "Loại", "E-mail thủ trưởng",
 * "E-mail đầu mối"). Read with ExcelJS (already the product's XLSX library; it reads CSV too). Every row is
 * checked by the same rules as a unit added by hand, and a file with any bad row is refused whole, each
 * problem naming its row: nothing is half imported.
 */
import { Readable } from 'node:stream';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import ExcelJS from 'exceljs';
import { UNIT_KIND_LABELS, type UnitKind, type UnitRef } from '@thidua/contracts';
import type { FieldProblem } from '../common/validation';
import { CreateUnitDto } from './units.dto';

/** The largest directory file read (a province's directory is a few thousand rows). */
export const MAX_UNIT_FILE_BYTES = 5 * 1024 * 1024;
/** Rows past this are refused: split the file. */
const MAX_ROWS = 5000;

/** A file that cannot become units, and why (each problem naming its row and column). */
export class UnitFileError extends Error {
  override readonly name = 'UnitFileError';
  constructor(
    message: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super(message);
  }
}

/** Accents, case and spacing ignored: "Mã  ĐƠN VỊ" is "ma don vi". */
const fold = (x: string): string =>
  x
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Which column each header names. */
const HEADERS: ReadonlyArray<readonly [keyof UnitRef, readonly string[]]> = [
  ['id', ['ma don vi', 'ma', 'id']],
  ['name', ['ten don vi', 'ten', 'name']],
  ['kind', ['loai don vi', 'loai', 'kind']],
  ['headEmail', ['e mail thu truong', 'email thu truong', 'head email']],
  ['contactEmail', ['e mail dau moi', 'email dau moi', 'contact email']],
];

/** A kind as written: its key ("neighbourhood") or its Vietnamese or English label ("Khu phố, ấp"). */
function kindOf(text: string): string {
  const f = fold(text);
  for (const [kind, labels] of Object.entries(UNIT_KIND_LABELS) as Array<[UnitKind, readonly string[]]>)
    if (f === fold(kind) || labels.some((l) => fold(l) === f)) return kind;
  return text;
}

/** The text of a cell (numbers as written, hyperlinks by their text, e-mails without "mailto:"). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result);
    if (value instanceof Date) return value.toISOString();
  }
  // An error cell (#N/A) or anything else without text reads as empty.
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value).trim() : '';
}

/**
 * The separator of a CSV file, from its header line: Excel in a Vietnamese locale saves "CSV" with semicolons
 * (the comma is the decimal mark there), elsewhere with commas; a tab-separated export works too.
 */
export function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string): number => header.split(c).length - 1;
  return [';', '\t'].find((c) => count(c) > count(',')) ?? ',';
}

/** The first worksheet of the file, by its extension. */
async function sheetOf(fileName: string, body: Buffer): Promise<ExcelJS.Worksheet | undefined> {
  const wb = new ExcelJS.Workbook();
  const ext = fileName.toLowerCase().split('.').pop();
  try {
    // ExcelJS's typings name Node's Buffer wrongly (an ArrayBuffer); it reads the file's bytes as an ArrayBuffer too.
    if (ext === 'xlsx') await wb.xlsx.load(new Uint8Array(body).buffer);
    else if (ext === 'csv') {
      const text = body.toString('utf8').replace(/^\uFEFF/, '');
      await wb.csv.read(Readable.from([text]), { parserOptions: { delimiter: delimiterOf(text) } });
    } else
      throw new UnitFileError(`file: chỉ nhận tệp .xlsx (Excel) hoặc .csv, không nhận "${fileName}"`, [
        { field: 'file', rule: 'type', message: 'file: cần tệp .xlsx hoặc .csv' },
      ]);
  } catch (err) {
    if (err instanceof UnitFileError) throw err;
    throw new UnitFileError(`file: không đọc được tệp "${fileName}" (tệp hỏng hoặc không đúng định dạng)`, [
      { field: 'file', rule: 'unreadable', message: 'file: tệp không đọc được' },
    ]);
  }
  return wb.worksheets[0];
}

/** The units of the file, in row order; throws UnitFileError naming every bad row. */
export async function unitsOfFile(fileName: string, body: Buffer): Promise<UnitRef[]> {
  const sheet = await sheetOf(fileName, body);
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push(values.slice(1).map(cellText));
  });
  const header = rows[0] ?? [];
  const columns = new Map<keyof UnitRef, number>();
  header.forEach((h, i) => {
    const found = HEADERS.find(([, names]) => names.includes(fold(h)));
    if (found && !columns.has(found[0])) columns.set(found[0], i);
  });
  const missing = (['id', 'name', 'kind'] as const).filter((c) => !columns.has(c));
  if (missing.length)
    throw new UnitFileError(
      'file: dòng đầu phải có các cột "Mã đơn vị", "Tên đơn vị" và "Loại" (thêm tùy chọn "E-mail thủ trưởng", "E-mail đầu mối")',
      [
        {
          field: 'file',
          rule: 'header',
          message: `file: thiếu cột ${missing.map((c) => `"${{ id: 'Mã đơn vị', name: 'Tên đơn vị', kind: 'Loại' }[c]}"`).join(', ')}`,
        },
      ],
    );
  const data = rows.slice(1).filter((r) => r.some((v) => v !== ''));
  if (data.length === 0)
    throw new UnitFileError('file: tệp không có dòng đơn vị nào dưới dòng tiêu đề', [
      { field: 'file', rule: 'empty', message: 'file: không có đơn vị' },
    ]);
  if (data.length > MAX_ROWS)
    throw new UnitFileError(`file: tối đa ${MAX_ROWS} đơn vị mỗi tệp (tệp có ${data.length}); hãy chia nhỏ`, [
      { field: 'file', rule: 'too-many', message: 'file: quá nhiều dòng' },
    ]);
  const problems: FieldProblem[] = [];
  const units: UnitRef[] = [];
  const seen = new Map<string, number>();
  for (const [i, r] of data.entries()) {
    const line = i + 2; // the header is line 1
    const at = (c: keyof UnitRef): string => (columns.has(c) ? (r[columns.get(c)!] ?? '') : '');
    const raw = {
      id: at('id'),
      name: at('name'),
      kind: kindOf(at('kind')),
      ...(at('headEmail') ? { headEmail: at('headEmail') } : {}),
      ...(at('contactEmail') ? { contactEmail: at('contactEmail') } : {}),
    };
    const errors = await validate(plainToInstance(CreateUnitDto, raw), { whitelist: true, forbidNonWhitelisted: true });
    for (const e of errors)
      problems.push({
        field: `rows.${line}.${e.property}`,
        rule: Object.keys(e.constraints ?? { invalid: '' })[0],
        message: `Dòng ${line}, cột ${e.property === 'kind' ? `"Loại" ("${at('kind')}" không phải loại đơn vị)` : `"${{ id: 'Mã đơn vị', name: 'Tên đơn vị', headEmail: 'E-mail thủ trưởng', contactEmail: 'E-mail đầu mối' }[e.property] ?? e.property}"`}: giá trị "${String(e.value ?? '')}" không hợp lệ`,
      });
    const first = seen.get(raw.id);
    if (raw.id && first !== undefined)
      problems.push({ field: `rows.${line}.id`, rule: 'unique', message: `Dòng ${line}: mã đơn vị "${raw.id}" đã có ở dòng ${first}` });
    seen.set(raw.id, first ?? line);
    if (errors.length === 0) units.push(raw as UnitRef);
  }
  if (problems.length)
    throw new UnitFileError(
      `Tệp có ${problems.length} lỗi; chưa nhập đơn vị nào. ${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}${problems.length > 3 ? '; …' : ''}`,
      problems,
    );
  return units;
}
