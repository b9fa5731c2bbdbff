import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type ExportCell } from './presenter';

const BOM = '\uFEFF';
const CSV_CHUNK = 64 * 1024;
/** Rows between checks of the response's backpressure while writing a workbook. */
const XLSX_CHECK_EVERY = 200;

/**
 * Resolves true when `out` can take more, false when it closed (the client
 * went away): writers stop instead of buffering a whole file in memory.
 */
function ready(out: Writable): Promise<boolean> {
  if (out.destroyed || out.writableEnded) return Promise.resolve(false);
  if (!out.writableNeedDrain) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (value: boolean) => () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      resolve(value);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

/** Fen as exact yuan text: 2800050 → "28000.50". */
export function fenToYuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/**
 * One CSV field (RFC 4180). Text a spreadsheet would read as a formula
 * (= + - @, tab, carriage return) gets a leading apostrophe: names and
 * programme titles are typed by people.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(cells: readonly ExportCell[]): string {
  return (
    cells
      .map((cell, i) => {
        if (cell === null) return '';
        if (typeof cell === 'number') return EXPORT_COLUMNS[i]?.type === 'yuan' ? fenToYuanText(cell) : String(cell);
        return csvField(cell);
      })
      .join(',') + '\r\n'
  );
}

/** Writes a CSV (UTF-8 with BOM, so Excel reads Chinese, CRLF lines) into `out` and ends it. */
export async function writeCsv(rows: AsyncIterable<readonly ExportCell[]>, out: Writable): Promise<number> {
  let chunk = BOM + csvLine(EXPORT_COLUMNS.map((c) => c.header));
  let count = 0;
  for await (const row of rows) {
    chunk += csvLine(row);
    count += 1;
    if (chunk.length < CSV_CHUNK) continue;
    out.write(chunk);
    chunk = '';
    if (!(await ready(out))) return count;
  }
  out.end(chunk);
  return count;
}

/** What the zip may hold uncompressed before the workbook writer waits. */
const ZIP_BACKLOG_LIMIT = 1024 * 1024;

interface ZipInput {
  _writableState?: { length?: number };
}

/**
 * Bytes of sheet XML handed to the zip and not yet compressed. exceljs's
 * StreamBuf writes into the zip entry without heeding backpressure, so a fast
 * cursor would pile the whole sheet up in memory; this reads the queue of the
 * stream it pipes into (exceljs 4 and archiver internals: 0 if they change,
 * and the writer then relies on the event-loop turns alone).
 */
function zipBacklog(sheet: ExcelJS.Worksheet): number {
  const buffered = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes?.[0]?._writableState?.length;
  return typeof buffered === 'number' ? buffered : 0;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * Writes an .xlsx into `out` with exceljs's streaming writer: each row is
 * committed (serialised and handed to the zip) as soon as it is added, and the
 * writer waits whenever the zip or the client falls behind.
 */
export async function writeXlsx(rows: AsyncIterable<readonly ExportCell[]>, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('申请', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width, ...(c.type === 'yuan' ? { style: { numFmt: '0.00' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  let count = 0;
  for await (const row of rows) {
    // Yuan as spreadsheet numbers so staff can sum them; the exact figure is still whole fen ÷ 100.
    sheet.addRow(row.map((cell, i) => (typeof cell === 'number' && EXPORT_COLUMNS[i]?.type === 'yuan' ? cell / 100 : cell))).commit();
    count += 1;
    if (count % XLSX_CHECK_EVERY !== 0) continue;
    // Compression runs on libuv's thread pool: it needs turns of the event loop to move on.
    do {
      if (out.destroyed) return count;
      await tick();
    } while (zipBacklog(sheet) > ZIP_BACKLOG_LIMIT);
    if (!(await ready(out))) return count;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
