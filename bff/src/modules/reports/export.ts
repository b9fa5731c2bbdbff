import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaDate, type ApplicationFilter, type ExportFormat } from '@minsheng/shared';
import type { StaffPrincipal } from '../../http/context';
import type { Logger } from '../../logger';
import type { PiiCipher } from '../../security/pii';
import { applicationRowCursor } from '../applications/queries';
import { allCommunities } from '../communities/service';
import { buildApplicationFilter } from '../review/filter';
import { EXPORT_COLUMNS, EXPORT_PROJECTION, exportCells, type ExportCell, type ExportDoc } from './presenter';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportJob {
  filename: string;
  contentType: string;
  /** Writes every row into `out` and ends it; resolves with the number of rows (fewer if `out` closed early). */
  run(out: Writable): Promise<number>;
}

/**
 * Documents per cursor batch. The driver keeps a batch's reply, with what it
 * has parsed of it, until its last document is read; a batch that lives
 * across young-generation collections is promoted to V8's old space and
 * freed only by a full collection. With the workbook writer (which allocates
 * a lot per row) 1,000-document batches let the heap grow by ~100 MB between
 * full collections over 100,000 rows; 200-document batches die young.
 */
const EXPORT_BATCH_SIZE = 200;

/**
 * Prepares the export of the applications the viewer may see that match the
 * filters, from their rows (read-models: small documents with just what the
 * filter and the columns read), in the order the database reads them:
 * unsorted, so that no engine
 * has to read and sort every match before the first row. FerretDB sorts in
 * memory after reading the whole collection (at 20,000 applications the first
 * batch took 1.7 s sorted by `_id`, 30 ms unsorted, `explain`: sortPushdown
 * false), and applications' `_id`s are derived from idempotency keys, so not
 * even `_id` order would mean anything to staff. On the embedded engine the
 * order is the order the rows were stored (oldest submission first for
 * applications submitted through the app); on MongoDB, that of the index
 * serving the filter. Staff sort by the 提交时间 column in the spreadsheet.
 * The first document is read before anything is sent, so an unreachable
 * database is still answered with a JSON error; after that rows stream from a
 * cursor, so memory stays flat whatever the row count.
 */
export async function prepareExport(
  filter: ApplicationFilter,
  format: ExportFormat,
  viewer: StaffPrincipal,
  pii: PiiCipher,
): Promise<ExportJob> {
  const communities = await allCommunities();
  const names = new Map([...communities].map(([code, c]) => [code, c.name]));
  const cursor = applicationRowCursor<ExportDoc>(buildApplicationFilter(filter, viewer, pii), EXPORT_PROJECTION, {
    batchSize: EXPORT_BATCH_SIZE,
  });
  let first: ExportDoc | null;
  try {
    first = await cursor.next();
  } catch (err) {
    await cursor.close();
    throw err;
  }
  async function* rows() {
    try {
      for (let doc = first; doc !== null; doc = await cursor.next()) yield exportCells(doc, names);
    } finally {
      await cursor.close();
    }
  }
  return {
    filename: `applications-${chinaDate()}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    run: (out) => (format === 'csv' ? writeCsv(rows(), out) : writeXlsx(rows(), out)),
  };
}

/** Runs an export into the response stream; a failure midway cuts the download short (the client sees it incomplete) and is logged. */
export function streamExport(job: ExportJob, out: Writable, log: { logger: Logger; requestId: string; staffId: string }): void {
  const started = Date.now();
  job.run(out).then(
    (rows) => log.logger.info({ requestId: log.requestId, staffId: log.staffId, rows, ms: Date.now() - started }, 'export written'),
    (err: unknown) => {
      log.logger.error(
        { requestId: log.requestId, err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
        'export failed',
      );
      out.destroy(err instanceof Error ? err : new Error('export failed'));
    },
  );
}

// The file writers: rows in, a CSV or a workbook out, at the pace the client reads.

const BOM = '\uFEFF';
const CSV_CHUNK = 64 * 1024;

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

/**
 * Queue size of the zip's streams (archiver's own default is 1 MB each way).
 * Chunks that wait in a queue survive V8's young-generation collections and
 * are freed only by a full collection, so long queues show up as RSS growth
 * however short-lived the data is.
 */
const ZIP_HIGH_WATER_MARK = 64 * 1024;

/**
 * The stream a worksheet's XML goes into once archiver has opened its entry:
 * a PassThrough (readable-stream 2, from archiver-utils) piped into the
 * entry's deflater. exceljs 4 writes each 64 KB of sheet XML into it without
 * heeding backpressure, so the writer watches its queues itself. These are
 * exceljs's and archiver's internals: if they change, `sheetSink` finds
 * nothing and only the client's backpressure counts.
 */
interface SheetSink {
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}

function sheetSink(sheet: ExcelJS.Worksheet): SheetSink | undefined {
  return (sheet as unknown as { stream?: { pipes?: SheetSink[] } }).stream?.pipes?.[0];
}

/** Bytes of sheet XML handed to the zip entry and not yet taken by its deflater. */
function zipBacklog(sink: SheetSink | undefined): number {
  return (sink?._writableState?.length ?? 0) + (sink?._readableState?.length ?? 0);
}

/** Compression runs on libuv's thread pool: waiting for it takes turns of the event loop. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * Writes an .xlsx into `out` with exceljs's streaming writer: inline strings
 * (a shared-strings table would grow with the file), each row committed
 * (serialised and handed to the zip) as soon as it is added, and the next row
 * read from the cursor only when the zip and the client have taken the last.
 */
export async function writeXlsx(rows: AsyncIterable<readonly ExportCell[]>, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { highWaterMark: ZIP_HIGH_WATER_MARK } as Partial<ExcelJS.stream.xlsx.ArchiverZipOptions>,
  });
  const sheet = workbook.addWorksheet('申请', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.type === 'yuan' ? { style: { numFmt: '0.00' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  let count = 0;
  for await (const row of rows) {
    // Yuan as spreadsheet numbers so staff can sum them; the exact figure is still whole fen ÷ 100.
    sheet.addRow(row.map((cell, i) => (typeof cell === 'number' && EXPORT_COLUMNS[i]?.type === 'yuan' ? cell / 100 : cell))).commit();
    count += 1;
    // The next row is read only once the deflater has taken the XML so far
    // and the client keeps up: chunks left waiting in a queue outlive V8's
    // young-generation collections and then pile up until a full collection.
    const sink = sheetSink(sheet);
    if (!(await ready(out))) return count;
    while (zipBacklog(sink) > 0) {
      await tick();
      if (!(await ready(out))) return count;
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
