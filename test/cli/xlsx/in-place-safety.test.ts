/**
 * In-place runs must not lose the analyst's content (issue 11, section 6): macros in a workbook
 * named .xlsx, links to other workbooks, temporary files of killed runs, folders of failed runs.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { attributes, ownedSheetsOf as readOwnedSheets, sheetPaths as worksheetPaths, xmlUnescape } from "./zip-probe";
import { runInProcess, tempDir } from "../helpers";
import { ooxmlFindings } from "./ooxml";
import { addCell, addDefinedNames, copySample, editPackage, editPart } from "./ooxml-corpus";

let dir: string;
before(() => (dir = tempDir()));

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const load = (path: string) => JSZip.loadAsync(readFileSync(path));
async function assertValid(path: string): Promise<void> {
  const findings = await ooxmlFindings(path);
  assert.deepEqual(findings, [], `${path}:\n${findings.join("\n")}`);
}

/** The sample saved by Excel as .xlsm, then renamed .xlsx. */
async function macroWorkbook(path: string): Promise<void> {
  copySample(path);
  await editPackage(path, async (zip) => {
    zip.file("xl/vbaProject.bin", Buffer.from("VBA project stand-in: any bytes, the writer never reads them"));
    await editPart(zip, "[Content_Types].xml", (xml) =>
      xml
        .replace(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
          "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
        .replace(
          "</Types>",
          '<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
        ),
    );
    await editPart(zip, "xl/_rels/workbook.xml.rels", (xml) =>
      xml.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
  });
}

describe("a macro workbook named .xlsx (found by content)", () => {
  let path: string;
  before(async () => {
    path = join(dir, "macros.xlsx");
    await macroWorkbook(path);
    assert.ok((await load(path)).file("xl/vbaProject.bin"));
  });

  it("--in-place is refused (exit 2), the file stays byte-identical", async () => {
    const before = sha(path);
    const run = await runInProcess(["compute", path, "--in-place"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /has macros \(xl\/vbaProject\.bin\) although it is named like an \.xlsx; .*--out <results\.xlsx>/,
    );
    assert.equal(sha(path), before);
  });

  it("--out writes the results and says the macros are not in them", async () => {
    const out = join(dir, "macros-results.xlsx");
    const run = await runInProcess(["compute", path, "--out", out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /the input workbook has macros \(xl\/vbaProject\.bin\); an \.xlsx result cannot hold them/,
    );
    assert.equal((await load(out)).file("xl/vbaProject.bin"), null);
    await assertValid(out);
  });
});

describe("links to other workbooks (xl/externalLinks)", () => {
  let path: string;
  const LINKS = ["budget.xlsx", "file:///C:/team/targets.xlsx"];
  before(async () => {
    path = join(dir, "links.xlsx");
    copySample(path);
    await editPackage(path, async (zip) => {
      const ids: string[] = [];
      LINKS.forEach((target, i) => {
        const n = i + 1;
        zip.file(
          `xl/externalLinks/externalLink${n}.xml`,
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
            '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
            `<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>${40 + n}</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
        );
        zip.file(
          `xl/externalLinks/_rels/externalLink${n}.xml.rels`,
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="${target}" TargetMode="External"/></Relationships>`,
        );
        ids.push(`rIdLink${n}`);
      });
      await editPart(zip, "xl/_rels/workbook.xml.rels", (xml) =>
        xml.replace(
          "</Relationships>",
          ids
            .map(
              (id, i) =>
                `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink${i + 1}.xml"/>`,
            )
            .join("") + "</Relationships>",
        ),
      );
      await editPart(zip, "[Content_Types].xml", (xml) =>
        xml.replace(
          "</Types>",
          LINKS.map(
            (_, i) =>
              `<Override PartName="/xl/externalLinks/externalLink${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>`,
          ).join("") + "</Types>",
        ),
      );
      await editPart(zip, "xl/workbook.xml", (xml) =>
        addDefinedNames(
          xml.replace(
            "</sheets>",
            `</sheets><externalReferences>${ids.map((id) => `<externalReference r:id="${id}"/>`).join("")}</externalReferences>`,
          ),
          '<definedName name="Target">[2]Sheet1!$A$1</definedName>',
        ),
      );
      await editPart(zip, "xl/worksheets/sheet1.xml", (xml) =>
        addCell(xml, "A300", "<c><f>[1]Sheet1!A1*2</f><v>82</v></c>"),
      );
    });
  });

  it("are kept, in their order, through two --in-place runs; formulas and names still point at them", async () => {
    for (let run = 0; run < 2; run++) {
      const result = await runInProcess(["compute", path, "--in-place"]);
      assert.equal(result.code, 0, result.stderr);
      const zip = await load(path);
      const workbook = await zip.file("xl/workbook.xml")!.async("string");
      const references = [...workbook.matchAll(/<externalReference r:id="([^"]+)"\/>/g)].map((m) => m[1]);
      assert.equal(references.length, 2, workbook);
      const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
      const targets: string[] = [];
      for (const id of references) {
        const tag = (rels.match(/<Relationship\b[^>]*>/g) ?? []).find((t) => attributes(t).get("Id") === id)!;
        const part = `xl/${attributes(tag).get("Target")}`;
        const partRels = await zip.file(part.replace(/([^/]+)$/, "_rels/$1.rels"))!.async("string");
        targets.push(attributes(/<Relationship\b[^>]*>/.exec(partRels)![0]).get("Target")!);
      }
      assert.deepEqual(targets, LINKS, "[1] and [2] still name the same files");
      assert.match(workbook, /<definedName name="Target">\[2\]Sheet1!\$A\$1<\/definedName>/);
      const about = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
      assert.equal(xmlUnescape(/<c r="A300"[^>]*><f>([^<]*)<\/f>/.exec(about)![1]!), "[1]Sheet1!A1*2");
      await assertValid(path);
    }
  });
});

describe("temporary files and folders", () => {
  it("a killed run's temporary file is removed by the next run; a running process's and other files stay", async () => {
    const path = join(dir, "temps.xlsx");
    copySample(path);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale = join(dir, `.temps.xlsx.${dead}.tmp`);
    const live = join(dir, `.temps.xlsx.${process.ppid}.tmp`);
    const other = join(dir, ".temps.xlsx.backup.tmp");
    for (const file of [stale, live, other]) writeFileSync(file, "partial");
    const run = await runInProcess(["compute", path, "--in-place"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(stale), false, "the dead run's file");
    assert.equal(existsSync(live), true, "a file of a process that still runs");
    assert.equal(existsSync(other), true, "a file not of our naming");
  });

  it("a failed run removes the folders it created", async () => {
    const input = join(dir, "folders.xlsx");
    copySample(input);
    const first = join(dir, "new-a", "deeper");
    const second = join(dir, "new-b");
    // The second file's temporary name is longer than a file name may be: writing it fails.
    const run = await runInProcess([
      "compute",
      input,
      "--csv",
      join(first, "scores.csv"),
      "--json",
      join(second, `${"x".repeat(250)}.json`),
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cannot write/);
    assert.equal(existsSync(join(dir, "new-a")), false, "new-a/deeper");
    assert.equal(existsSync(second), false, "new-b");
  });

  it("a folder that already existed stays, and a file where a folder should be is named", async () => {
    const kept = join(dir, "existing");
    mkdirSync(kept);
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "");
    const input = join(dir, "blocked.xlsx");
    copyFileSync(join(dir, "folders.xlsx"), input);
    const run = await runInProcess([
      "compute",
      input,
      "--csv",
      join(kept, "scores.csv"),
      "--json",
      join(blocker, "sub", "r.json"),
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`cannot create the folder .*: ${blocker.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is a file`),
    );
    assert.equal(existsSync(kept), true);
    assert.equal(existsSync(join(kept, "scores.csv")), false);
  });
});

const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].find(existsSync);

describe(
  "ownership after LibreOffice saves the workbook",
  { skip: soffice ? false : "soffice not found: install libreoffice-calc (.ci/run does)" },
  () => {
    it("renumbered sheetIds and unhidden names: the next run still replaces its own sheets in place", async () => {
      const path = join(dir, "lo-owned.xlsx");
      copySample(path);
      // Sheet ids with gaps, as Excel leaves them after deletions: LibreOffice renumbers them 1, 2, 3...
      await editPackage(path, async (zip) =>
        editPart(zip, "xl/workbook.xml", (xml) =>
          xml.replace(/sheetId="(\d+)"/g, (_, id: string) => `sheetId="${Number(id) + 10}"`),
        ),
      );
      let run = await runInProcess(["compute", path, "--in-place", "--audit"]);
      assert.equal(run.code, 0, run.stderr);
      const ours = [...(await worksheetPaths(await load(path))).keys()];
      const ownedKeys = readOwnedSheets(await (await load(path)).file("xl/workbook.xml")!.async("string")).map(
        (o) => o.key,
      );
      assert.deepEqual(ownedKeys.slice(0, 6), ["results", "scores", "ranks", "normalized", "log", "dashboard"]);
      assert.ok(ownedKeys.includes("audit"));
      const converted = spawnSync(
        soffice!,
        [
          `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
          "--headless",
          "--norestore",
          "--convert-to",
          "xlsx:Calc MS Excel 2007 XML",
          "--outdir",
          join(dir, "lo-out"),
          path,
        ],
        { encoding: "utf8", timeout: 240_000 },
      );
      const saved = join(dir, "lo-out", "lo-owned.xlsx");
      assert.ok(existsSync(saved), `LibreOffice wrote ${saved} (status ${converted.status}): ${converted.stderr}`);
      const workbook = await (await load(saved)).file("xl/workbook.xml")!.async("string");
      assert.match(
        workbook,
        /<sheet [^>]*sheetId="1"[^>]*name="About"|<sheet name="About" sheetId="1"/,
        "LibreOffice renumbered the sheets",
      );
      assert.deepEqual(
        readOwnedSheets(workbook).map((o) => o.key),
        ownedKeys,
        "every mark survives LibreOffice's save",
      );
      copyFileSync(saved, path);
      run = await runInProcess(["compute", path, "--in-place", "--audit"]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(
        [...(await worksheetPaths(await load(path))).keys()],
        ours,
        'the same sheets, none added as "(2)"',
      );
      await assertValid(path);
    });
  },
);
