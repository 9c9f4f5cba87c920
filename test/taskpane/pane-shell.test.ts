/** The pane shell's pure parts (issue 15): cell references in messages, their labels, name suggestions, Office themes, rank moves. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { rankMoves } from "../../src/excel/service";
import { cellLabel, splitCellRefs } from "../../src/taskpane/cell-refs";
import { closestName, editDistance } from "../../src/taskpane/suggest";
import { themeFor } from "../../src/taskpane/theme";
import { MESSAGES } from "../../src/taskpane/i18n";

test("cell references: plain and quoted sheets, ranges and $ signs; the rest of the message is kept", () => {
  assert.deepEqual(splitCellRefs('Data!E4: "n/a" is not a number'), [
    { sheet: "Data", address: "E4", text: "Data!E4" },
    ': "n/a" is not a number',
  ]);
  assert.deepEqual(splitCellRefs("Warning: 'My data'!$B$2:C3 and 数据!A1."), [
    "Warning: ",
    { sheet: "My data", address: "B2:C3", text: "'My data'!$B$2:C3" },
    " and ",
    { sheet: "数据", address: "A1", text: "数据!A1" },
    ".",
  ]);
  assert.deepEqual(splitCellRefs("no reference here"), ["no reference here"]);
});

test("cell labels: a Data cell is its unit and indicator, also when the table does not start at A1", () => {
  const cells = {
    sheet: "Data",
    row: 0,
    col: 0,
    headers: ["uCode", "uName", "GDP", "Pop", "PM25"],
    units: ["London", "Beijing", "Paris"],
  };
  assert.equal(cellLabel(cells, "Data", "E4"), "Paris · PM25"); // row 4 = third unit, column E = fifth header
  assert.equal(cellLabel(cells, "data", "A3"), "Beijing", "the code column names the unit only");
  assert.equal(cellLabel(cells, "Data", "C1"), "GDP", "the header row names the indicator");
  assert.equal(cellLabel(cells, "Data", "F2"), null, "outside the table");
  assert.equal(cellLabel(cells, "Framework", "E4"), null);
  const shifted = { ...cells, row: 2, col: 1 }; // header at B3
  assert.equal(cellLabel(shifted, "Data", "F6"), "Paris · PM25");
  assert.equal(cellLabel(shifted, "Data", "A6"), null);
});

test("did you mean: the closest sheet within a few edits, none when nothing is close", () => {
  assert.equal(editDistance("Framwork", "Framework"), 1);
  assert.equal(editDistance("Dtaa", "Data"), 1, "a swap of two letters is one edit");
  assert.equal(closestName("Framwork", ["Data", "Framework", "Settings"]), "Framework");
  assert.equal(closestName("Setings ", ["Data", "Framework", "Settings"]), "Settings");
  assert.equal(closestName("Results", ["Data", "Framework", "Settings"]), null);
  assert.equal(closestName("Dat", ["Data", "Date"]), "Data", "the first of equally close names");
});

test("Office theme: Office's body colours choose light, dark or contrast; none leaves the system's setting", () => {
  // Office's themes (Colorful/White, Dark Grey, Black) and Windows high contrast body colours.
  assert.equal(themeFor({ bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#262626" }), "light");
  assert.equal(themeFor({ bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF" }), "dark");
  assert.equal(themeFor({ bodyBackgroundColor: "#000000", bodyForegroundColor: "#FFFFFF" }), "contrast");
  assert.equal(themeFor({ bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000" }), "contrast");
  assert.equal(themeFor(undefined), null);
  assert.equal(themeFor({ bodyBackgroundColor: "" }), null);
});

test("rank moves: largest first, units in one ranking only are left out", () => {
  const before = [
    { code: "LON", rank: 1 },
    { code: "PAR", rank: 2 },
    { code: "NYC", rank: 3 },
    { code: "OLD", rank: 4 },
  ];
  const after = [
    { code: "PAR", name: "Paris", rank: 1 },
    { code: "NYC", name: "New York", rank: 2 },
    { code: "LON", name: "London", rank: 3 },
    { code: "NEW", name: "New", rank: 4 },
  ];
  assert.deepEqual(rankMoves(before, after), [
    { code: "LON", name: "London", from: 1, to: 3 },
    { code: "PAR", name: "Paris", from: 2, to: 1 },
    { code: "NYC", name: "New York", from: 3, to: 2 },
  ]);
  assert.deepEqual(rankMoves(undefined, after), []);
});

test("every pane-shell message exists in Chinese too, with the same {slots}", () => {
  for (const [key, english] of Object.entries(MESSAGES.en)) {
    const chinese = MESSAGES["zh-CN"][key as keyof typeof MESSAGES.en];
    assert.ok(chinese, `${key} has no Chinese text`);
    assert.deepEqual((chinese.match(/\{\w+\}/g) ?? []).sort(), (english.match(/\{\w+\}/g) ?? []).sort(), key);
  }
});

test("the pane's sections follow the shared convention: section, header button with aria-expanded/aria-controls, body id", () => {
  const html = readFileSync("src/taskpane/taskpane.html", "utf8");
  for (const name of ["data", "method", "weights", "results", "analysis", "editions"]) {
    const section = new RegExp(
      `<section class="pane-section" data-section="${name}"[^>]*>\\s*<h2><button type="button" class="section-toggle" id="section-${name}-toggle" aria-expanded="(true|false)" aria-controls="section-${name}-body">`,
    );
    assert.match(html, section, name);
    assert.match(
      html,
      new RegExp(`id="section-${name}-body" role="region" aria-labelledby="section-${name}-toggle"`),
      name,
    );
  }
});
