/**
 * The marks that tell an output sheet of Index Studio from a sheet of the analyst's, declared once for
 * both writers. Each writer uses what its medium keeps with the sheet: the add-in a worksheet custom
 * property (ExcelApi 1.12) or, before 1.12, a sheet-scoped name; the .xlsx writer a hidden
 * sheet-scoped name whose text says which output it is and under which name it was written.
 */

/** Office.js: the worksheet custom property whose value is the report key. */
export const OWNER_PROPERTY = "IndexStudio";

/** Office.js before ExcelApi 1.12: a sheet-scoped name per report key. */
export function ownerName(key: string): string {
  return `IndexStudio_${key}`;
}

/** .xlsx: the hidden sheet-scoped defined name on each output sheet, value "key:Sheet name". */
export const OWNED_NAME = "_IndexStudio_Output";

/** .xlsx: workbook-level marks of earlier versions ("_IndexStudio_Owned_<key>"): removed, never trusted. */
export const LEGACY_OWNED_PREFIX = "_IndexStudio_Owned_";
