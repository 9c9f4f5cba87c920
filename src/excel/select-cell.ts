/** A cell reference clicked in the pane: show that sheet and select the range (issue 15). */
import { runInExcel } from "./office";

/** Activates first: Range.select() selects only on the active sheet (office-js issue #5118). */
export async function selectCell(sheet: string, address: string): Promise<void> {
  await runInExcel(async (session) => {
    const worksheet = session.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(address).select();
    await session.sync();
  });
}
