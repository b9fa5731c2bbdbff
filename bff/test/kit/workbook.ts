// Reading an export back in a test, in any package's tests (the mini-program's import this file by name).
import ExcelJS from 'exceljs';

/** The first sheet of an xlsx file as rows of cell values, the header row first. */
export async function workbookRows(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
