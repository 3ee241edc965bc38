/**
 * The text of a plan file as offices keep them: a Word document (.docx) or plain text (.txt, UTF-8 or UTF-16).
 * Word's paragraphs become lines and its empty paragraphs blank lines, the shape the import reads. mammoth
 * (1.13.0) reads the .docx: a well-kept reader of WordprocessingML that handles runs, tables and fields; its
 * document tree gives the tables as tables (docx-text.ts).
 */
import mammoth from 'mammoth';
import { documentText, type DocxElement } from './docx-text';
import { inflateRawSync } from 'node:zlib';

/** The largest file accepted, in bytes. */
export const MAX_PLAN_FILE_BYTES = 10 * 1024 * 1024;
/** The most a .docx may hold once unzipped: a guard against a small archive that inflates without bound. */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

/** Why a file is not read. */
export type PlanFileRefusal = 'unsupported-type' | 'unreadable' | 'too-large';

/** A file that cannot be read as a plan, with a Vietnamese message naming the problem. */
export class PlanFileError extends Error {
  override readonly name = 'PlanFileError';
  constructor(
    readonly reason: PlanFileRefusal,
    message: string,
  ) {
    super(message);
  }
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // Word 97-2003 (.doc)
const PDF = Buffer.from('%PDF');

/** The plan's text in a file, by what the bytes are (the name only words the refusal). */
export async function textOfPlanFile(name: string, bytes: Buffer): Promise<string> {
  if (bytes.length === 0) throw new PlanFileError('unreadable', `file: tệp "${name}" trống`);
  if (bytes.subarray(0, 4).equals(ZIP)) return textOfDocx(name, bytes);
  if (bytes.subarray(0, 4).equals(OLE))
    throw new PlanFileError(
      'unsupported-type',
      `file: "${name}" là tệp Word 97-2003 (.doc); hãy mở bằng Word và lưu lại dạng .docx, hoặc dán nội dung kế hoạch`,
    );
  if (bytes.subarray(0, 4).equals(PDF))
    throw new PlanFileError(
      'unsupported-type',
      `file: "${name}" là tệp PDF; hãy tải bản .docx của kế hoạch, hoặc sao chép nội dung từ PDF rồi dán vào ô văn bản`,
    );
  return textOfPlainFile(bytes);
}

/** UTF-8 (with or without its byte-order mark) or UTF-16 with one; anything else is read as UTF-8 and judged by the import. */
function textOfPlainFile(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

async function textOfDocx(name: string, bytes: Buffer): Promise<string> {
  const unzipped = unzippedSize(bytes, MAX_UNZIPPED_BYTES);
  if (unzipped === undefined) throw new PlanFileError('unreadable', `file: "${name}" không phải tệp .docx hợp lệ (tệp nén bị hỏng)`);
  if (unzipped > MAX_UNZIPPED_BYTES)
    throw new PlanFileError('too-large', `file: "${name}" khi giải nén vượt quá ${MAX_UNZIPPED_BYTES / 1024 / 1024} MiB`);
  // mammoth's document tree, taken as it reads the file (the HTML it would write is not needed).
  let tree: DocxElement | undefined;
  try {
    await mammoth.convertToHtml(
      { buffer: bytes },
      {
        transformDocument: (document: DocxElement) => {
          tree = document;
          return { ...document, children: [] };
        },
      },
    );
  } catch {
    throw new PlanFileError('unreadable', `file: không đọc được "${name}" như một văn bản Word (.docx)`);
  }
  if (!tree) throw new PlanFileError('unreadable', `file: không đọc được "${name}" như một văn bản Word (.docx)`);
  return documentText(tree);
}

/**
 * The total unzipped size of an archive, or undefined when the bytes are no readable zip. Each entry is inflated
 * with its declared size as the limit (zlib stops there), so an archive that lies about its sizes is refused
 * without ever being unpacked beyond what it declares; the caller bounds the declared total first.
 */
export function unzippedSize(zip: Buffer, limit: number): number | undefined {
  const entries = centralDirectory(zip);
  if (!entries) return undefined;
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limit) return declared;
  for (const e of entries) {
    if (e.local + 30 > zip.length || zip.readUInt32LE(e.local) !== 0x04034b50) return undefined;
    const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
    const data = zip.subarray(start, start + e.compressed);
    if (e.method === 0 && data.length === e.size) continue;
    if (e.method !== 8) return undefined;
    try {
      if (inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) }).length !== e.size) return undefined;
    } catch {
      return undefined; // corrupt, or inflates past its declared size
    }
  }
  return declared;
}

interface ZipEntry {
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  /** Offset of the entry's local header. */
  readonly local: number;
}

/** The entries a zip's central directory lists, or undefined when there is none to read. */
function centralDirectory(zip: Buffer): ZipEntry[] | undefined {
  // End of central directory: signature 0x06054b50, at most 64 KiB of comment after it.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const out: ZipEntry[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    // ZIP64 sizes (0xffffffff) stay as declared: over any limit here, as a plan never needs 4 GiB.
    out.push({
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      local: zip.readUInt32LE(at + 42),
    });
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}
