/**
 * The Office Open XML checks of test/fixtures/ooxml-xsd/tools (python3 + xmllint): every part
 * against the ISO/IEC 29500-4 transitional schemas, then Excel's cross-part rules. Each finding
 * is returned as the tool printed it.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { REPO } from "../helpers";

const TOOLS = join(REPO, "test/fixtures/ooxml-xsd/tools");

function run(script: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile("python3", [join(TOOLS, script), ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error)
        fail(
          new Error(
            `${script} failed (it needs python3 and xmllint: apt-get install libxml2-utils): ${error.message}\n${stderr}`,
          ),
        );
      else done(stdout);
    });
  });
}

/** Schema findings: every part that did not validate, with the xmllint lines under it. */
export async function schemaFindings(path: string): Promise<string[]> {
  const out = await run("validate_parts.py", [path]);
  const lines = out.split("\n").filter((line) => line.trim() !== "");
  if (!lines.some((line) => line.startsWith("PASS ")))
    throw new Error(`validate_parts.py validated nothing in ${path}:\n${out}`);
  const findings: string[] = [];
  let head = "";
  for (const line of lines) {
    if (!line.startsWith(" ")) {
      head = line;
      // PASS: valid; SKIP: a part with no schema here (images, binary parts).
      if (!/^(PASS|SKIP) /.test(line)) findings.push(line);
    } else if (/^(PASS|SKIP) /.test(head)) {
      findings.push(`${head}: ${line.trim()}`);
    } else {
      findings[findings.length - 1] += `\n  ${line.trim()}`;
    }
  }
  return findings;
}

/** Excel-rule findings: ISSUE (a repair prompt or a broken part) and WARN (Excel behaves differently). */
export async function excelRuleFindings(path: string): Promise<string[]> {
  const out = await run("excel_checks.py", [path, "--quiet"]);
  if (!/^== .*: \d+ issues, \d+ warnings$/m.test(out))
    throw new Error(`excel_checks.py gave no summary for ${path}:\n${out}`);
  return out.split("\n").filter((line) => /^(ISSUE|WARN): /.test(line));
}

export async function ooxmlFindings(path: string): Promise<string[]> {
  return [...(await schemaFindings(path)), ...(await excelRuleFindings(path))];
}

/** Part numbers differ between an input and the output it was carried into. */
export function withoutPartNumbers(finding: string): string {
  return finding.replace(/\b((?:xl\/)?[\w/]*?[A-Za-z_]+)\d+\.xml\b/g, "$1N.xml");
}
