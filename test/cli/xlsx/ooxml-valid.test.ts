/**
 * Every kind of workbook the CLI writes passes the ISO/IEC 29500-4 schemas and Excel's cross-part
 * rules (test/fixtures/ooxml-xsd/tools): the demo, analysis output in Chinese, --in-place re-runs,
 * CSV input, inputs that carry their own charts (with a data bar beside them), names with line
 * breaks, and a pass-through of what exceljs would change. A finding fails with the tool's words.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import {
  attributes,
  ownedSheetsOf as readOwnedSheets,
  rootChildNames,
  sheetPaths as worksheetPaths,
  xmlUnescape,
} from "./zip-probe";
import { runInProcess, tempDir, REPO } from "../helpers";
import { ooxmlFindings, schemaFindings, withoutPartNumbers } from "./ooxml";
import {
  addCell,
  addDefinedNames,
  CARRIED_CHART,
  CARRIED_CHART_LIBREOFFICE,
  copySample,
  decodeXstring,
  editPackage,
  editPart,
  LITERAL_ESCAPE,
  lineBreakNames,
  passThroughInput,
  SAMPLE_SHEETS,
} from "./ooxml-corpus";

let dir: string;
before(() => (dir = tempDir()));

async function assertValid(path: string): Promise<void> {
  const findings = await ooxmlFindings(path);
  assert.deepEqual(findings, [], `${path}:\n${findings.join("\n")}`);
}

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const run = await runInProcess(args);
  assert.equal(run.code, 0, run.stderr);
  return run;
}

const load = (path: string) => JSZip.loadAsync(readFileSync(path));
const part = async (zip: JSZip, name: string) => {
  const file = zip.file(name);
  assert.ok(file, `the workbook has no ${name}`);
  return file.async("string");
};
async function sheetXml(zip: JSZip, sheet: string): Promise<string> {
  const path = (await worksheetPaths(zip)).get(sheet);
  assert.ok(path, `no sheet "${sheet}"`);
  return part(zip, path);
}
const sheetNames = async (zip: JSZip) => [...(await worksheetPaths(zip)).keys()];

/** Shared strings as Excel reads them. */
async function sharedStrings(zip: JSZip): Promise<string[]> {
  const xml = await part(zip, "xl/sharedStrings.xml");
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) =>
    decodeXstring([...si[1]!.matchAll(/<t\b[^>]*>([^<]*)<\/t>/g)].map((t) => xmlUnescape(t[1]!)).join("")),
  );
}

/** The text of a cell as Excel shows it (shared or inline string). */
async function cellText(zip: JSZip, sheet: string, ref: string): Promise<string | undefined> {
  const xml = await sheetXml(zip, sheet);
  const cell = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>([\\s\\S]*?)</c>)`).exec(xml);
  if (!cell) return undefined;
  const t = attributes(cell[0]).get("t");
  if (t === "s") return (await sharedStrings(zip))[Number(/<v>(\d+)<\/v>/.exec(cell[1] ?? "")![1])];
  if (t === "inlineStr") return decodeXstring(xmlUnescape(/<t\b[^>]*>([^<]*)<\/t>/.exec(cell[1] ?? "")?.[1] ?? ""));
  return undefined;
}

describe("the checkers themselves", () => {
  it("report a <drawing> inside a data bar's <cfRule> (the schema's own message)", async () => {
    const path = join(dir, "broken.xlsx");
    copyFileSync(CARRIED_CHART, path);
    await editPackage(path, async (zip) => {
      const sheet = (await worksheetPaths(zip)).get("Visitors")!;
      await editPart(zip, sheet, (xml) => {
        const drawing = /<drawing [^>]*\/>/.exec(xml)![0];
        return xml.replace(drawing, "").replace("<extLst><ext", `${drawing}<extLst><ext`);
      });
    });
    const findings = await schemaFindings(path);
    assert.equal(findings.length, 1, findings.join("\n"));
    assert.match(
      findings[0]!,
      /FAIL {2}xl\/worksheets\/sheet\d+\.xml[\s\S]*Element '\{[^}]*\}drawing': This element is not expected/,
    );
  });
});

describe("every output kind validates", () => {
  it("the demo (npm run demo), in English and in Chinese", async () => {
    for (const lang of ["en", "zh-CN"]) {
      const out = join(dir, `demo-${lang}.xlsx`);
      await cli("demo", "--out", out, "--lang", lang);
      await assertValid(out);
    }
  });

  it("analysis output (--audit --uncertainty --sensitivity) with --lang zh-CN", async () => {
    const out = join(dir, "analysis-zh.xlsx");
    await cli(
      "compute",
      join(REPO, "assets/sample/ieci-2022.xlsx"),
      "--out",
      out,
      "--lang",
      "zh-CN",
      "--audit",
      "--uncertainty",
      "40",
      "--sensitivity",
      "16",
    );
    const names = await sheetNames(await load(out));
    for (const sheet of ["统计审核", "不确定性分析", "敏感性分析"])
      assert.ok(
        names.some((n) => n.startsWith(sheet)),
        `${sheet} in ${names.join(", ")}`,
      );
    await assertValid(out);
  });

  it("CSV input (the input tables become sheets)", async () => {
    const out = join(dir, "from-csv.xlsx");
    await cli(
      "compute",
      join(REPO, "assets/sample/ieci-data.csv"),
      "--meta",
      join(REPO, "assets/sample/ieci-framework.csv"),
      "--out",
      out,
      "--audit",
    );
    await assertValid(out);
  });

  it("--in-place, run twice, with the analysis", async () => {
    const path = join(dir, "in-place.xlsx");
    copySample(path);
    for (let run = 0; run < 2; run++) {
      await cli("compute", path, "--in-place", "--audit", "--uncertainty", "30");
      await assertValid(path);
    }
  });
});

describe("inputs that carry their own charts, beside a data bar (A)", () => {
  it("the carried-over sheet keeps its chart and data bar; <drawing> is a direct child of the worksheet before its <extLst>", async () => {
    const out = join(dir, "carried.xlsx");
    await cli("compute", CARRIED_CHART, "--out", out, "--audit");
    await assertValid(out);
    const zip = await load(out);
    const xml = await sheetXml(zip, "Visitors");
    assert.match(xml, /<cfRule type="dataBar"[\s\S]*?<extLst>/, "the data bar keeps its x14 extension");
    const children = rootChildNames(xml);
    assert.ok(children.includes("drawing"), children.join(" "));
    assert.equal(children.indexOf("drawing"), children.indexOf("extLst") - 1, children.join(" "));
    const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    const titles = await Promise.all(charts.map(async (p) => /<a:t>([^<]*)<\/a:t>/.exec(await part(zip, p))?.[1]));
    assert.ok(titles.includes("Visitors by quarter"), titles.join(", "));
  });

  it("the same, --in-place twice", async () => {
    const path = join(dir, "carried-in-place.xlsx");
    copyFileSync(CARRIED_CHART, path);
    for (let run = 0; run < 2; run++) {
      await cli("compute", path, "--in-place");
      await assertValid(path);
    }
  });

  it("a LibreOffice-saved input: the output adds no finding to the input's own", async () => {
    const out = join(dir, "carried-lo.xlsx");
    await cli("compute", CARRIED_CHART_LIBREOFFICE, "--out", out);
    const own = new Set((await ooxmlFindings(CARRIED_CHART_LIBREOFFICE)).map(withoutPartNumbers));
    // LibreOffice's own: cNvPr id 0 and a series name as a text formula, carried over verbatim.
    assert.ok(own.size > 0, "the LibreOffice file has findings of its own; if not, assert it validates");
    const added = (await ooxmlFindings(out)).filter((f) => !own.has(withoutPartNumbers(f)));
    assert.deepEqual(added, [], added.join("\n"));
  });
});

describe("aggregate names with line breaks and tabs (B)", () => {
  it("table header cells equal their tableColumn names; line breaks and tabs become spaces", async () => {
    const input = join(dir, "line-breaks-in.xlsx");
    const out = join(dir, "line-breaks.xlsx");
    await lineBreakNames(input);
    await cli("compute", input, "--out", out, "--audit");
    await assertValid(out);
    const zip = await load(out);
    const tables = Object.keys(zip.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p));
    const columns = (
      await Promise.all(
        tables.map(async (p) =>
          [...(await part(zip, p)).matchAll(/<tableColumn\b[^>]*>/g)].map((m) => attributes(m[0]).get("name")!),
        ),
      )
    ).flat();
    for (const name of [
      "Attrac- tiveness",
      "Influence (global)",
      "Connectivity score",
      "Culture and education",
      "Culture and education (2)",
    ]) {
      assert.ok(columns.includes(name), `"${name}" among ${JSON.stringify(columns)}`);
    }
    assert.ok(!columns.some((c) => /[\r\n\t]/.test(c)));
  });
});

describe("an earlier run's sheet that this run does not write (C)", () => {
  let path: string;
  let stderr: string;
  before(async () => {
    path = join(dir, "stale.xlsx");
    copySample(path);
    await cli("compute", path, "--in-place", "--audit", "--uncertainty", "20");
    // The analyst refers to the Audit sheet: a formula on About and a defined name.
    await editPackage(path, async (zip) => {
      await editPart(zip, "xl/worksheets/sheet1.xml", (xml) => addCell(xml, "A300", "<c><f>Audit!B2</f><v>0</v></c>"));
      await editPart(zip, "xl/workbook.xml", (xml) =>
        addDefinedNames(xml, '<definedName name="AuditFirst">Audit!$B$2</definedName>'),
      );
    });
    ({ stderr } = await cli("compute", path, "--in-place"));
  });

  it("is kept while the analyst's formulas or names refer to it, and the warning says so", async () => {
    const names = await sheetNames(await load(path));
    assert.ok(names.includes("Audit"), names.join(", "));
    const warning = stderr
      .split("\n")
      .find((line) =>
        line.startsWith(
          'sheet "Audit" from an earlier run was kept as it was, not updated (this run does not write it): ',
        ),
      );
    assert.ok(warning, stderr);
    assert.match(warning, /\bAbout!A300\b/);
    assert.match(warning, /the name "AuditFirst"/);
    await assertValid(path);
  });

  it("is removed when nothing refers to it (Uncertainty), and stays marked so the next run replaces it in place", async () => {
    const zip = await load(path);
    const names = await sheetNames(zip);
    assert.ok(!names.includes("Uncertainty"), names.join(", "));
    assert.ok(readOwnedSheets(await part(zip, "xl/workbook.xml")).some((o) => o.key === "audit" && o.name === "Audit"));
    await cli("compute", path, "--in-place", "--audit");
    const again = await sheetNames(await load(path));
    assert.equal(again.indexOf("Audit"), names.indexOf("Audit"), `${again.join(", ")} vs ${names.join(", ")}`);
    assert.equal(again.filter((n) => n.startsWith("Audit")).length, 1, again.join(", "));
    await assertValid(path);
  });
});

describe("pass-through of the input workbook (D)", () => {
  let zip: JSZip;
  before(async () => {
    const input = join(dir, "pass-through-in.xlsx");
    const out = join(dir, "pass-through.xlsx");
    await passThroughInput(input);
    await cli("compute", input, "--out", out);
    await assertValid(out);
    zip = await load(out);
  });

  const names = async () =>
    [...(await part(zip, "xl/workbook.xml")).matchAll(/<definedName\b[^>]*>[^<]*<\/definedName>/g)]
      .map((m): Record<string, string | undefined> & { name: string; text: string } => ({
        ...Object.fromEntries(attributes(m[0])),
        name: attributes(m[0]).get("name")!,
        text: xmlUnescape(/>([^<]*)</.exec(m[0])![1]!),
      }))
      .filter((n) => !n.name.startsWith("_IndexStudio_"));

  it('keeps two sheet-scoped names "Rate" apart, each on its sheet', async () => {
    const sheets = await sheetNames(zip);
    const rates = (await names()).filter((n) => n.name === "Rate").map((n) => [sheets[Number(n.localSheetId)], n.text]);
    assert.deepEqual(rates, [
      ["Data", "Data!$B$2"],
      ["Framework", "Framework!$F$2"],
    ]);
    assert.deepEqual(sheets.slice(0, SAMPLE_SHEETS.length), SAMPLE_SHEETS);
  });

  it("keeps a constant name and the print area as they were", async () => {
    const all = await names();
    assert.deepEqual(
      all.filter((n) => n.name === "Half").map((n) => [n.localSheetId, n.text]),
      [[undefined, "0.5"]],
    );
    assert.deepEqual(
      all.filter((n) => n.name === "_xlnm.Print_Area").map((n) => [n.localSheetId, n.text]),
      [["1", "Data!$A$1:$C$10,Data!$E$1:$F$10"]],
    );
  });

  it("writes no <sheetFormatPr> where the input had none, and keeps the others' as they were", async () => {
    assert.ok(!rootChildNames(await sheetXml(zip, "About")).includes("sheetFormatPr"));
    assert.match(await sheetXml(zip, "Data"), /<sheetFormatPr defaultRowHeight="15"/);
  });

  it('shows literal "_x0041_" text as it is, in input cells, result cells and chart caches', async () => {
    assert.equal(await cellText(zip, "About", "A200"), LITERAL_ESCAPE, "an inline string");
    assert.equal(await cellText(zip, "Data", "B2"), `${LITERAL_ESCAPE} City`);
    assert.ok((await sharedStrings(zip)).includes(`${LITERAL_ESCAPE} City`), "the unit's name on the result sheets");
    const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    const cached = (await Promise.all(charts.map((p) => part(zip, p)))).flatMap((xml) =>
      [...xml.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => decodeXstring(xmlUnescape(m[1]!))),
    );
    assert.ok(cached.includes(`${LITERAL_ESCAPE} City`), "the top-10 chart's category cache");
    assert.ok(!cached.includes("A City"));
  });
});
