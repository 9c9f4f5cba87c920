/**
 * A real render: LibreOffice Calc opens the written workbook headless, (1) saves it again as .xlsx,
 * which must still hold every chart, and (2) prints it to PDF, where every chart's title must be
 * found and the area under it must hold drawn series (coloured pixels). Two conversions per run.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { USER_CHART_TITLE, writeFixture, type Fixture } from "./fixture";

const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].find(existsSync);
const skip = soffice
  ? false
  : "soffice not found: install Debian's libreoffice-calc (.ci/run does) to run the render test";

let fixture: Fixture;

function convert(format: string, outDir: string): string {
  const run = spawnSync(
    soffice!,
    [
      `-env:UserInstallation=file://${join(fixture.dir, "lo-profile")}`,
      "--headless",
      "--norestore",
      "--convert-to",
      format,
      "--outdir",
      outDir,
      fixture.outPath,
    ],
    { encoding: "utf8", timeout: 240_000 },
  );
  const out = join(outDir, `results.${format}`);
  assert.ok(existsSync(out), `LibreOffice wrote ${out} (status ${run.status}): ${run.stderr}`);
  return out;
}

function poppler(tool: string, args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`${tool} failed (install Debian's poppler-utils): ${(error as Error).message}`);
  }
}

interface Word {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Words with their boxes (PDF points) from `pdftotext -bbox`. */
function wordsOf(pdf: string): Word[] {
  const html = poppler("pdftotext", ["-bbox", pdf, "-"]).toString("utf8");
  const words: Word[] = [];
  html
    .split(/<page /)
    .slice(1)
    .forEach((page, p) => {
      for (const m of page.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        words.push({ page: p + 1, text: m[5]!.replace(/&amp;/g, "&"), x0: +m[1]!, y0: +m[2]!, x1: +m[3]!, y1: +m[4]! });
      }
    });
  return words;
}

/** The box of a title: its words in sequence on one page. */
function findTitle(
  words: Word[],
  title: string,
): { page: number; x0: number; y0: number; x1: number; y1: number } | undefined {
  const parts = title.split(/\s+/);
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (parts.every((part, k) => words[i + k]!.text === part && words[i + k]!.page === words[i]!.page)) {
      const span = words.slice(i, i + parts.length);
      return {
        page: span[0]!.page,
        x0: Math.min(...span.map((w) => w.x0)),
        y0: Math.min(...span.map((w) => w.y0)),
        x1: Math.max(...span.map((w) => w.x1)),
        y1: Math.max(...span.map((w) => w.y1)),
      };
    }
  }
  return undefined;
}

/** Decodes a binary PPM (P6) as pdftoppm writes it. */
function readPpm(bytes: Buffer): { width: number; height: number; rgb: Buffer } {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString("latin1"));
  assert.ok(header, "a P6 image");
  return { width: Number(header[1]), height: Number(header[2]), rgb: bytes.subarray(header[0].length) };
}

describe("LibreOffice Calc renders the result workbook", { skip }, () => {
  let roundTrip: JSZip;
  let pdf: string;

  before(async () => {
    fixture = await writeFixture();
    roundTrip = await JSZip.loadAsync(readFileSync(convert("xlsx", join(fixture.dir, "xlsx"))));
    pdf = convert("pdf", join(fixture.dir, "pdf"));
  });

  it("keeps every chart, of the same kinds, when Calc saves the workbook again", async () => {
    const charts = Object.keys(roundTrip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    assert.equal(charts.length, fixture.summary.charts + 1, "the plan's charts and the input's own chart");
    const kinds = await Promise.all(
      charts.map(
        async (p) =>
          /<c:(barChart|radarChart|scatterChart|lineChart)>/.exec(await roundTrip.file(p)!.async("string"))?.[1],
      ),
    );
    assert.deepEqual(kinds.sort(), ["barChart", "barChart", "barChart", "lineChart", "radarChart", "scatterChart"]);
  });

  it("reads every cell of a sheet written by direct rows (Normalized) as planned", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(fixture.dir, "xlsx", "results.xlsx")) as unknown as ArrayBuffer);
    const planned = fixture.plan.sheets.find((s) => s.key === "normalized")!;
    const sheet = book.getWorksheet(fixture.summary.sheetNames.normalized!)!;
    let numbers = 0;
    planned.cells.forEach((row, r) =>
      row.forEach((value, c) => {
        const got = sheet.getCell(r + 1, c + 1).value;
        if (typeof value === "number")
          (assert.ok(Math.abs((got as number) - value) < 1e-9, `${r + 1},${c + 1}`), numbers++);
        else assert.equal(got ?? null, value === "" ? null : (value ?? null), `${r + 1},${c + 1}`);
      }),
    );
    assert.ok(numbers > 2000);
    // Min-max scores on [0, 100] reach 100: one decimal (the format follows the column's magnitude).
    assert.equal(sheet.getCell(2, 3).numFmt, "0.0");
  });

  it("draws every chart: its title is printed and its plot area holds coloured series", () => {
    const words = wordsOf(pdf);
    const dpi = 150;
    const scale = dpi / 72;
    const planned = fixture.plan.sheets.flatMap((s) => s.charts);
    for (const chart of [...planned, { id: "user", title: USER_CHART_TITLE }]) {
      const box = findTitle(words, chart.title);
      assert.ok(box, `title "${chart.title}" printed`);
      const ppm = readPpm(
        poppler("pdftoppm", ["-f", String(box.page), "-l", String(box.page), "-r", String(dpi), pdf]),
      );
      // The plot sits under the title: a band a dozen title-heights tall, centred on it.
      const h = box.y1 - box.y0;
      const cx = (box.x0 + box.x1) / 2;
      const [left, right] = [Math.max(0, (cx - 8 * h) * scale), Math.min(ppm.width, (cx + 8 * h) * scale)];
      const [top, bottom] = [(box.y1 + h) * scale, Math.min(ppm.height, (box.y1 + 12 * h) * scale)];
      let coloured = 0;
      for (let y = Math.floor(top); y < bottom; y++) {
        for (let x = Math.floor(left); x < right; x++) {
          const i = 3 * (y * ppm.width + x);
          const [r, g, b] = [ppm.rgb[i]!, ppm.rgb[i + 1]!, ppm.rgb[i + 2]!];
          if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
        }
      }
      assert.ok(coloured > 50, `${chart.id}: ${coloured} coloured pixels under its title`);
    }
    // Keep a picture of the dashboard for people (test-output/ is not committed).
    const dashboard = findTitle(words, planned[0]!.title)!;
    mkdirSync("test-output", { recursive: true });
    poppler("pdftoppm", [
      "-f",
      String(dashboard.page),
      "-l",
      String(dashboard.page),
      "-r",
      "110",
      "-png",
      "-singlefile",
      pdf,
      join(fixture.dir, "dashboard"),
    ]);
    copyFileSync(join(fixture.dir, "dashboard.png"), join("test-output", "dashboard.png"));
  });
});
