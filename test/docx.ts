/** A Word document (.docx) written the way Word stores one: a zip of WordprocessingML parts. Test code only. */
import JSZip from 'jszip';
import { deflateRawSync } from 'node:zlib';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One paragraph of a line; a run in bold where the line is wrapped in "**". */
function paragraphOf(line: string): string {
  const bold = /^\*\*(.*)\*\*$/.exec(line);
  const run = (text: string): string => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;
  return `<w:p>${line ? run(bold ? bold[1] : line) : ''}</w:p>`;
}

/** A table: rows of cells, each cell one paragraph (a string) or several (an array of strings). */
export type DocxTable = ReadonlyArray<ReadonlyArray<string | readonly string[]>>;

/** A .docx with one paragraph per line (an empty line is an empty paragraph); bold runs where a line is wrapped in "**". */
export function docxOf(lines: readonly string[]): Promise<Buffer> {
  return docxWith(lines);
}

/** A .docx of paragraphs (strings, as {@link docxOf}) and tables, in order. */
export async function docxWith(blocks: ReadonlyArray<string | { readonly table: DocxTable }>): Promise<Buffer> {
  const paragraphs = blocks.map((block) =>
    typeof block === 'string'
      ? paragraphOf(block)
      : `<w:tbl>${block.table
          .map(
            (row) =>
              `<w:tr>${row.map((cell) => `<w:tc>${(typeof cell === 'string' ? [cell] : cell).map(paragraphOf).join('')}</w:tc>`).join('')}</w:tr>`,
          )
          .join('')}</w:tbl>`,
  );
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.join('')}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A zip of the given files (not a Word document unless they make one). */
export async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Little-endian fields in order, each [bytes, value]: how zip headers are laid out. */
const fields = (...list: Array<[2 | 4, number]>): Buffer =>
  Buffer.concat(
    list.map(([bytes, value]) => {
      const b = Buffer.alloc(bytes);
      if (bytes === 2) b.writeUInt16LE(value);
      else b.writeUInt32LE(value);
      return b;
    }),
  );

/** A one-entry zip whose headers declare `declaredSize` bytes for `content` (deflated): a zip bomb that lies. */
export function zipDeclaring(name: string, content: Buffer, declaredSize: number): Buffer {
  const data = deflateRawSync(content);
  const file = Buffer.from(name);
  // signature, version, flags, method (8: deflate), time, date, crc (unchecked here), sizes, name length, extra length
  const local = fields(
    [4, 0x04034b50],
    [2, 20],
    [2, 0],
    [2, 8],
    [2, 0],
    [2, 0],
    [4, 0],
    [4, data.length],
    [4, declaredSize],
    [2, file.length],
    [2, 0],
  );
  // … then comment length, disk, attributes and the local header's offset (0)
  const central = fields(
    [4, 0x02014b50],
    [2, 20],
    [2, 20],
    [2, 0],
    [2, 8],
    [2, 0],
    [2, 0],
    [4, 0],
    [4, data.length],
    [4, declaredSize],
    [2, file.length],
    [2, 0],
    [2, 0],
    [2, 0],
    [2, 0],
    [4, 0],
    [4, 0],
  );
  const directoryAt = local.length + file.length + data.length;
  const end = fields([4, 0x06054b50], [2, 0], [2, 0], [2, 1], [2, 1], [4, central.length + file.length], [4, directoryAt], [2, 0]);
  return Buffer.concat([local, file, data, central, file, end]);
}
