/**
 * The text of a Word document read from mammoth's document tree, tables as tables. A paragraph is a line (its
 * breaks kept). A table of criteria (a column of names, one of targets, maybe one of points: "STT | Tiêu chí |
 * Chỉ tiêu | Điểm", maybe "Đối tượng áp dụng") becomes one sentence per row, "Tỷ lệ hồ sơ đúng hạn từ 80% trở lên
 * (20 điểm, áp dụng: Khu phố).", which the import reads as it reads a written plan. Any other table (the header block: issuer and number on the left,
 * the motto and "Place, ngày …" on the right) gives each cell's paragraphs as lines, row by row, so nothing
 * runs together ("ỦY BAN NHÂN DÂNXÃ BÌNH HƯNG" was one word before). Pure.
 */

/** An element of mammoth's document tree (the fields read here). */
export interface DocxElement {
  readonly type: string;
  readonly value?: string;
  readonly children?: readonly DocxElement[];
}

/** The text of an element: its text runs, tabs and breaks. */
function textOf(e: DocxElement): string {
  if (e.type === 'text') return e.value ?? '';
  if (e.type === 'tab') return '\t';
  if (e.type === 'break') return '\n';
  return (e.children ?? []).map(textOf).join('');
}

/** The lines of an element of the body: a paragraph, a table, or what holds them. */
function linesOf(e: DocxElement): string[] {
  if (e.type === 'paragraph') return [textOf(e)];
  if (e.type === 'table') return tableLines(e);
  return (e.children ?? []).flatMap(linesOf);
}

const cellsOf = (row: DocxElement): DocxElement[] => (row.children ?? []).filter((c) => c.type === 'tableCell');
/** A cell's text on one line (its paragraphs joined by a space). */
const cellText = (cell: DocxElement): string =>
  linesOf(cell)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' ');

/** Which column holds what in a criteria table's header row; undefined for another table. */
function criteriaColumns(header: readonly string[]): { name: number; target: number; points?: number; group?: number } | undefined {
  const find = (re: RegExp): number => header.findIndex((h) => re.test(h.toLocaleLowerCase('vi').normalize('NFC')));
  const name = find(/^(?:tên\s+)?(?:tiêu chí|nội dung|chỉ tiêu thi đua)/u);
  const target = find(/^(?:chỉ tiêu|mục tiêu|yêu cầu|mức(?:\s+phấn đấu)?)$|^chỉ tiêu\s*\(/u);
  const points = find(/điểm/u);
  const group = find(/^(?:đối tượng|đơn vị)(?:\s+(?:áp dụng|thực hiện))?$|^áp dụng/u);
  if (name < 0 || target < 0 || name === target) return undefined;
  const other = (i: number): boolean => i >= 0 && i !== name && i !== target;
  return { name, target, ...(other(points) ? { points } : {}), ...(other(group) && group !== points ? { group } : {}) };
}

function tableLines(table: DocxElement): string[] {
  const rows = (table.children ?? []).filter((r) => r.type === 'tableRow');
  const header = rows[0] ? cellsOf(rows[0]).map(cellText) : [];
  const columns = criteriaColumns(header);
  if (!columns) return rows.flatMap((row) => cellsOf(row).flatMap(linesOf));
  return rows.slice(1).map((row) => {
    const cells = cellsOf(row).map(cellText);
    const name = cells[columns.name] ?? '';
    const target = cells[columns.target] ?? '';
    // A row that is a heading (one merged cell) stays a line of its own.
    if (cells.length < 2 || !name || !target) return cells.filter(Boolean).join(' ');
    const points =
      columns.points === undefined ? undefined : /^(\d{1,3}(?:[.,]\d+)?)(?:\s*điểm)?$/iu.exec(cells[columns.points] ?? '')?.[1];
    const lowerFirst = (t: string): string => t.charAt(0).toLocaleLowerCase('vi') + t.slice(1);
    const what = name.replace(/[.:;]+$/, '');
    const aim = target.replace(/[.;]+$/, '');
    const group =
      columns.group === undefined
        ? ''
        : (cells[columns.group] ?? '')
            .replace(/[.;()]+/g, ' ')
            .replace(/\s+/g, ' ')
            .trim();
    const notes = [points ? `${points} điểm` : '', group ? `áp dụng: ${group}` : ''].filter(Boolean);
    const scored = notes.length ? ` (${notes.join(', ')})` : '';
    // "Không để xảy ra" takes what must not happen after it: "Không để xảy ra khiếu nại vượt cấp".
    if (/^không để (?:xảy ra|phát sinh|có)$/iu.test(aim)) return `${aim} ${lowerFirst(what)}${scored}.`;
    return `${what} ${lowerFirst(aim)}${scored}.`;
  });
}

/** The document's text: one line per paragraph (an empty one an empty line), tables as above. */
export function documentText(document: DocxElement): string {
  return linesOf(document).join('\n');
}
