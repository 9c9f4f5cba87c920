// `--lang zh-CN`: what the command line prints follows the language of the result sheets.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ASEM, runInProcess, tempDir } from "./helpers";

test("--lang zh-CN: input errors are printed in Chinese with their cells, English stays the default", async () => {
  const dir = tempDir();
  const meta = readFileSync(join(ASEM, "meta.csv"), "utf8").replace(
    '1,"LPI","Logistics Performance Index",1,',
    '1,"LPI","Logistics Performance Index",2,',
  );
  writeFileSync(join(dir, "meta.csv"), meta);
  const zh = await runInProcess([
    "compute",
    join(ASEM, "data.csv"),
    "--meta",
    join(dir, "meta.csv"),
    "--lang",
    "zh-CN",
  ]);
  assert.equal(zh.code, 1);
  assert.match(zh.stderr, /index-studio: 输入有 1 个问题：/);
  assert.match(zh.stderr, /meta\.csv!D2：方向“2”必须为 1（越高越好）或 -1（越低越好）/);
  const en = await runInProcess(["compute", join(ASEM, "data.csv"), "--meta", join(dir, "meta.csv")]);
  assert.match(en.stderr, /index-studio: the input has 1 problem:/);
  assert.match(en.stderr, /meta\.csv!D2: direction "2" must be 1 \(higher is better\) or -1 \(lower is better\)/);
});

test("--lang zh-CN: the run summary, the top table, warnings and 'wrote' are in Chinese; lists use 、", async () => {
  const dir = tempDir();
  // One data cell that is not a number: a warning naming the cell.
  const data = readFileSync(join(ASEM, "data.csv"), "utf8").split("\n");
  const header = data[0]!.split(",");
  const lpi = header.findIndex((h) => h.replace(/"/g, "") === "LPI");
  const row = data[1]!.split(",");
  row[lpi] = '"n/a"';
  data[1] = row.join(",");
  writeFileSync(join(dir, "data.csv"), data.join("\n"));
  const out = join(dir, "scores.csv");
  const run = await runInProcess([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(ASEM, "meta.csv"),
    "--csv",
    out,
    "--lang",
    "zh-CN",
  ]);
  assert.equal(run.code, 0, run.stderr);
  const column = String.fromCharCode(65 + lpi);
  assert.match(
    run.stderr,
    new RegExp(`警告：data\\.csv!${column}2：“n/a”不是数值，按缺失处理（请填写数值或将单元格留空）`),
  );
  // ASEM: 51 units, 49 indicators; the parts are joined with 、.
  assert.match(run.stdout, /^51 个单位、49 个指标、\d+ 个汇总项/);
  assert.match(run.stdout, /\n排名\s+代码\s+名称\s+Index/);
  assert.match(run.stdout, /Conn排名/);
  assert.match(run.stdout, new RegExp(`已写入 ${out.replace(/[\\/.]/g, (c) => `\\${c}`)}`));
  assert.doesNotMatch(run.stdout + run.stderr, /\b(units|indicators|wrote|Warning|Rank)\b/);
});

test("--lang zh-CN: how a CSV file was read (decimal commas) is said in Chinese; English unchanged", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "data.csv"), "uCode;uName;A;B\nU1;One;1,5;2\nU2;Two;2,5;3\nU3;Three;3,5;1\n");
  writeFileSync(
    join(dir, "meta.csv"),
    "iCode,iName,Parent,Weight,Direction\nA,Alpha,Index,1,1\nB,Beta,Index,1,1\nIndex,Index,,,\n",
  );
  const args = ["compute", join(dir, "data.csv"), "--meta", join(dir, "meta.csv")];
  const zh = await runInProcess([...args, "--lang", "zh-CN"]);
  const en = await runInProcess(args);
  assert.equal(zh.code, 0, zh.stderr);
  const said = zh.stderr + zh.stdout;
  assert.match(said, /注意：data\.csv 使用小数逗号（例如 data\.csv!C2 "1,5" 读作 1\.5）；共有 3 个单元格按此读取。/);
  assert.doesNotMatch(said, /decimal commas/);
  assert.match(
    en.stderr + en.stdout,
    /Note: data\.csv uses decimal commas \(e\.g\. data\.csv!C2 "1,5" read as 1\.5\); 3 cells were read that way\./,
  );
});
