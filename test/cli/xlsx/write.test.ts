/** The written workbook: input kept, plan sheets added under free names, charts as real DrawingML parts. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { validateXML } from "xmllint-wasm";
import { sheetPaths as worksheetPaths } from "./zip-probe";
import { parseRange } from "../../../src/cli/xlsx/names";
import { HOSTILE_NAMES, USER_CHART_TITLE, writeFixture, type Fixture } from "./fixture";

let fixture: Fixture;
let book: ExcelJS.Workbook;
let zip: JSZip;
let paths: Map<string, string>;
const part = async (path: string) => {
  const file = zip.file(path);
  assert.ok(file, `${path} exists`);
  return file.async("string");
};

before(async () => {
  fixture = await writeFixture();
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(fixture.outPath);
  zip = await JSZip.loadAsync(readFileSync(fixture.outPath));
  paths = await worksheetPaths(zip);
});

describe("writeResultWorkbook: sheets", () => {
  it("keeps the input sheets first and renames colliding outputs", () => {
    assert.deepEqual(
      book.worksheets.map((ws) => ws.name),
      [
        "Data",
        "Framework",
        "Results",
        "Dashboard",
        "My chart",
        "Results (2)",
        "Scores",
        "Ranks",
        "Normalized",
        "Log",
        "Dashboard (2)",
        "Uncertainty",
      ],
    );
    assert.equal(fixture.summary.sheetNames.results, "Results (2)");
    assert.equal(fixture.summary.sheetNames.dashboard, "Dashboard (2)");
  });

  it("leaves the user's sheets, formats, formulas and defined names as they were", () => {
    const notes = book.getWorksheet("Results")!;
    assert.equal(notes.getCell("A1").value, "my own notes");
    assert.equal(notes.getCell("A1").font.bold, true);
    assert.equal(notes.getCell("B1").numFmt, "0.000%");
    assert.equal(notes.getCell("B3").formula, "SUM(B1:B2)");
    assert.equal(notes.rowCount, 3);
    assert.equal(book.getWorksheet("Dashboard")!.getCell("C3").value, "user dashboard");
    assert.deepEqual(book.definedNames.getRanges("MyShares").ranges, ["Results!$B$1:$B$2"]);
    assert.equal(book.getWorksheet("Data")!.getCell("L2").value, 4.097985, "Data!L2 (LPI of the first unit)");
  });

  it("writes the Results table sorted by rank with formats, frozen header, widths and colour scales", async () => {
    const ws = book.getWorksheet("Results (2)")!;
    const planned = fixture.plan.sheets.find((s) => s.key === "results")!;
    planned.cells.forEach((row, r) =>
      row.forEach((v, c) => {
        const got = ws.getCell(r + 1, c + 1).value;
        assert.equal(
          got === undefined ? null : got,
          v === undefined || v === "" ? (got === "" ? "" : null) : v,
          `cell ${r + 1},${c + 1}`,
        );
      }),
    );
    assert.equal(ws.getCell("D2").numFmt, "0.00");
    assert.equal(ws.getCell("A2").numFmt, "0");
    assert.deepEqual(ws.views[0], { ...ws.views[0], state: "frozen", xSplit: 3, ySplit: 1 });
    assert.equal(ws.getColumn(3).width, 26);
    const xml = await part(paths.get("Results (2)")!);
    assert.match(xml, /<conditionalFormatting sqref="D2:D52"><cfRule type="colorScale"/);
    assert.equal(xml.match(/type="colorScale"/g)?.length, planned.colorScales.length);
    const table = await part("xl/tables/table1.xml");
    assert.match(table, /name="IndexStudioResults"/);
    assert.match(table, /ref="A1:Q52"/);
  });

  it("writes text from the data as strings, never as formulas", async () => {
    const ws = book.getWorksheet("Results (2)")!;
    const names = new Set<unknown>();
    ws.eachRow((row) => names.add(row.getCell(3).value));
    for (const hostile of HOSTILE_NAMES) assert.ok(names.has(hostile), `${hostile} arrives as its own text`);
    for (const key of ["results", "scores", "ranks", "normalized", "log", "dashboard", "uncertainty"] as const) {
      const xml = await part(paths.get(fixture.summary.sheetNames[key]!)!);
      assert.doesNotMatch(xml, /<f[ >]/, `${key}: no formula element`);
    }
    // The Normalized sheet took the direct-rows path: its texts are inline strings, still not formulas.
    assert.match(
      await part(paths.get("Normalized")!),
      /<c r="B3" t="inlineStr"><is><t xml:space="preserve">[^<]*<\/t><\/is><\/c>/,
    );
    const strings = await part("xl/sharedStrings.xml");
    assert.ok(strings.includes("<t>=HYPERLINK(&quot;http://example.invalid&quot;,&quot;click&quot;)</t>"));
    // The cell that shows it is a shared-string cell.
    const row = [...Array(ws.rowCount).keys()].find((r) => ws.getCell(r + 1, 3).value === HOSTILE_NAMES[0])! + 1;
    const xml = await part(paths.get("Results (2)")!);
    assert.match(xml, new RegExp(`<c r="C${row}"[^>]* t="s"`));
  });
});

describe("writeResultWorkbook: charts", () => {
  const chartFiles = () =>
    Object.keys(zip.files)
      .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
      .sort();

  it("writes one well-formed chart part per planned chart, declared in [Content_Types].xml; every part well-formed", async () => {
    const planned = fixture.plan.sheets.flatMap((s) => s.charts);
    assert.equal(planned.length, 5);
    assert.equal(fixture.summary.charts, 5);
    assert.equal(chartFiles().length, 5 + 1, "the plan's charts and the user's own");
    const types = await part("[Content_Types].xml");
    for (const path of chartFiles()) {
      assert.ok(
        types.includes(
          `<Override PartName="/${path}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
        ),
      );
    }
    const xml = await Promise.all(chartFiles().map(async (fileName) => ({ fileName, contents: await part(fileName) })));
    const drawings = Object.keys(zip.files).filter((p) => /^xl\/drawings\/(_rels\/)?drawing\d+\.xml(\.rels)?$/.test(p));
    const more = await Promise.all(drawings.map(async (fileName) => ({ fileName, contents: await part(fileName) })));
    const rest = Object.keys(zip.files).filter(
      (p) => /\.(xml|rels)$/.test(p) && !p.startsWith("xl/charts/") && !p.startsWith("xl/drawings/"),
    );
    const others = await Promise.all(rest.map(async (fileName) => ({ fileName, contents: await part(fileName) })));
    assert.ok(others.length > 20, "sheets, tables, styles, relationships");
    const lint = await validateXML({
      xml: [...xml, ...more, ...others].map((f) => ({
        fileName: f.fileName.replace(/\W/g, "_"),
        contents: f.contents,
      })),
      normalization: "format",
    });
    assert.deepEqual(lint.errors, []);
  });

  it("links each charted sheet to its drawing and the drawing to its charts", async () => {
    for (const [key, expected] of [
      ["dashboard", 4],
      ["uncertainty", 1],
    ] as const) {
      const sheetPath = paths.get(fixture.summary.sheetNames[key]!)!;
      const sheet = await part(sheetPath);
      const id = /<drawing r:id="(rId\d+)"\/>/.exec(sheet)?.[1];
      assert.ok(id, `${key} has a drawing element`);
      assert.ok(sheet.indexOf("<drawing") < sheet.indexOf("<tableParts") >>> 0, "drawing before tableParts");
      const rels = await part(sheetPath.replace("worksheets/", "worksheets/_rels/") + ".rels");
      const target = new RegExp(`Id="${id}" Type="[^"]*/drawing" Target="\\.\\./drawings/(drawing\\d+\\.xml)"`).exec(
        rels,
      )?.[1];
      assert.ok(target, `${key} relationship to its drawing`);
      const drawing = await part(`xl/drawings/${target}`);
      assert.equal(drawing.match(/<xdr:twoCellAnchor/g)?.length, expected);
      const drawingRels = await part(`xl/drawings/_rels/${target}.rels`);
      assert.equal(drawingRels.match(/relationships\/chart" Target="\.\.\/charts\/chart\d+\.xml"/g)?.length, expected);
    }
  });

  it("carries the input workbook's own chart over, still bound to the user's sheet", async () => {
    const user = (await Promise.all(chartFiles().map(part))).filter((x) => x.includes(USER_CHART_TITLE));
    assert.equal(user.length, 1);
    assert.match(user[0]!, /<c:f>'My chart'!\$B\$2:\$B\$5<\/c:f>/);
    assert.deepEqual(fixture.summary.warnings, []);
    const sheet = await part(paths.get("My chart")!);
    assert.match(sheet, /<drawing r:id="rId\d+"\/>/);
  });

  it("binds every series to the renamed sheets' cells, with caches equal to the cells", async () => {
    const kinds: string[] = [];
    for (const path of chartFiles()) {
      const xml = await part(path);
      if (xml.includes(USER_CHART_TITLE)) continue;
      kinds.push(/<c:(barChart|radarChart|scatterChart|lineChart)>/.exec(xml)![1]!);
      const refs = [...xml.matchAll(/<c:f>([^<]*)<\/c:f><c:(?:str|num)Cache>(.*?)<\/c:(?:str|num)Cache>/g)];
      assert.ok(refs.length >= 2, `${path} has bound series`);
      for (const [, formula, cache] of refs) {
        const match = /^'((?:[^']|'')+)'!(\$[A-Z]+\$\d+(?::\$[A-Z]+\$\d+)?)$/.exec(formula!.replace(/&apos;/g, "'"));
        assert.ok(match, `absolute, quoted reference: ${formula}`);
        const ws = book.getWorksheet(match[1]!.replace(/''/g, "'"));
        assert.ok(ws, `sheet of ${formula}`);
        assert.ok(
          ["Dashboard (2)", "Uncertainty"].includes(ws.name),
          `${formula} points at an output sheet, not the user's`,
        );
        const box = parseRange(match[2]!.replace(/\$/g, ""));
        const cached = new Map(
          [...cache!.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => [Number(m[1]), m[2]!]),
        );
        let i = 0;
        for (let r = box.row0; r <= box.row1; r++) {
          for (let c = box.col0; c <= box.col1; c++, i++) {
            const value: ExcelJS.CellValue = ws.getCell(r + 1, c + 1).value;
            const shown = cached.get(i);
            if (value === null || value === undefined) assert.equal(shown, undefined);
            else assert.equal(shown?.replace(/&amp;/g, "&").replace(/&quot;/g, '"'), String(value), `${formula}[${i}]`);
          }
        }
      }
    }
    assert.deepEqual(kinds.sort(), ["barChart", "barChart", "lineChart", "radarChart", "scatterChart"]);
  });

  it("draws the top-N bar horizontally with rank 1 on top and the stacked bar stacked", async () => {
    const all = await Promise.all(chartFiles().map(part));
    const top = all.find((x) => x.includes("Top 10:"))!;
    assert.match(top, /<c:barDir val="bar"\/><c:grouping val="clustered"\/>/);
    assert.match(top, /<c:catAx>.*<c:orientation val="maxMin"\/>/);
    assert.match(top, /<c:valAx>.*<c:crosses val="max"\/>/);
    assert.match(top, /<c:numFmt formatCode="0\.0" sourceLinked="0"\/>/);
    const stacked = all.find((x) => x.includes("Pillar contributions"))!;
    assert.match(stacked, /<c:grouping val="stacked"\/>/);
    assert.match(stacked, /<c:overlap val="100"\/>/);
    assert.equal(stacked.match(/<c:ser>/g)?.length, 2);
    assert.match(stacked, /<c:legend>/);
  });

  it("draws the rank interval with custom error bars bound to the extents", async () => {
    const all = await Promise.all(chartFiles().map(part));
    const interval = all.find((x) => x.includes("<c:lineChart>"))!;
    const uncertainty = fixture.plan.sheets.find((s) => s.key === "uncertainty")!;
    const series = uncertainty.charts[0]!.series[0]!;
    assert.match(interval, /<c:errBars><c:errDir val="y"\/><c:errBarType val="both"\/><c:errValType val="cust"\/>/);
    const plus = /<c:plus><c:numRef><c:f>([^<]*)<\/c:f>/.exec(interval)?.[1];
    const minus = /<c:minus><c:numRef><c:f>([^<]*)<\/c:f>/.exec(interval)?.[1];
    const abs = (range: string) => range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    assert.equal(plus, `'Uncertainty'!${abs(series.errorPlus!.range)}`);
    assert.equal(minus, `'Uncertainty'!${abs(series.errorMinus!.range)}`);
    assert.match(interval, /<a:ln w="19050"><a:noFill\/><\/a:ln>/, "markers only");
  });
});
