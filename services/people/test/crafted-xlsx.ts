import { crc32, createDeflateRaw, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** A real workbook (ExcelJS) of a header and one person, as a Buffer. */
export async function smallWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(['Name', 'Sex', 'ID Number', 'Grid Code']);
  sheet.addRow(['陈一', '女', '330402195006150047', '330402001001001']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Part {
  name: string;
  /** Either the content, or the content as chunks (streamed into deflate: a bomb need not fit in memory). */
  chunks: Iterable<Buffer>;
}

/** The parts of a zip (stored or deflated entries), inflated. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extraLength;
    if (size === 0 && (zip.readUInt16LE(at + 6) & 0x08) !== 0) throw new Error('data descriptors are not read here');
    const data = zip.subarray(start, start + size);
    parts.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at = start + size;
  }
  return parts;
}

async function deflate(chunks: Iterable<Buffer>): Promise<{ data: Buffer; size: number; crc: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    size += chunk.length;
    crc = crc32(chunk, crc);
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await ended;
  return { data: Buffer.concat(out), size, crc };
}

/** A zip of the parts, deflated, with a central directory: what an XLSX file is. */
async function zip(parts: Part[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, size, crc } = await deflate(part.chunks);
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of smallWorkbook(), with the first worksheet's XML rewritten. */
async function rewrittenWorkbook(rewrite: (sheetXml: string) => Iterable<Buffer>): Promise<Buffer> {
  const parts = unzipWorkbook(await smallWorkbook());
  return zip(
    [...parts].map(([name, content]) => ({
      name,
      chunks: name === 'xl/worksheets/sheet1.xml' ? rewrite(content.toString('utf8')) : [content],
    })),
  );
}

/** ExcelJS writes data descriptors; its zip is re-read through its own central directory. */
function unzipWorkbook(workbook: Buffer): Map<string, Buffer> {
  try {
    return unzip(workbook);
  } catch {
    const parts = new Map<string, Buffer>();
    let end = workbook.length - 22;
    while (workbook.readUInt32LE(end) !== 0x06054b50) end--;
    const count = workbook.readUInt16LE(end + 10);
    for (let at = workbook.readUInt32LE(end + 16), i = 0; i < count; i++) {
      const method = workbook.readUInt16LE(at + 10);
      const compressed = workbook.readUInt32LE(at + 20);
      const nameLength = workbook.readUInt16LE(at + 28);
      const skip = nameLength + workbook.readUInt16LE(at + 30) + workbook.readUInt16LE(at + 32);
      const local = workbook.readUInt32LE(at + 42);
      const name = workbook.toString('utf8', at + 46, at + 46 + nameLength);
      const start = local + 30 + workbook.readUInt16LE(local + 26) + workbook.readUInt16LE(local + 28);
      const data = workbook.subarray(start, start + compressed);
      parts.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
      at += 46 + skip;
    }
    return parts;
  }
}

/**
 * A zip bomb: the same workbook, its worksheet padded (valid XML whitespace) to `inflatedBytes`; the
 * file stays a few hundred KB.
 */
export function zipBombWorkbook(inflatedBytes = 256 * 1024 * 1024): Promise<Buffer> {
  return rewrittenWorkbook(function* (xml) {
    const at = xml.indexOf('<sheetData>') + '<sheetData>'.length;
    yield Buffer.from(xml.slice(0, at));
    const block = Buffer.alloc(1024 * 1024, 0x20);
    for (let written = 0; written < inflatedBytes; written += block.length) yield block;
    yield Buffer.from(xml.slice(at));
  });
}

/** A workbook whose worksheet holds `rows` (empty) rows: small on disk and inflated, over the row limit. */
export function manyRowsWorkbook(rows: number): Promise<Buffer> {
  return rewrittenWorkbook(function* (xml) {
    const at = xml.indexOf('</sheetData>');
    yield Buffer.from(xml.slice(0, at));
    for (let row = 3; row < rows + 3; row += 1000) {
      yield Buffer.from(Array.from({ length: Math.min(1000, rows + 3 - row) }, (_, i) => `<row r="${row + i}"/>`).join(''));
    }
    yield Buffer.from(xml.slice(at));
  });
}
