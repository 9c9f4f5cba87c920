// Builds the installable command line: src/cli/main.ts and everything it imports (the engine, zod, exceljs,
// jszip) into one plain-JavaScript file, dist-cli/bin/index-studio.cjs, the package's `index-studio` bin.
// Every runtime library is inside that file, so the packed tarball declares no dependencies, installs offline
// and runs without dev tools (no tsx); dist-cli/THIRD-PARTY-LICENSES.txt carries the bundled libraries' licences.
// The file sits two folders down so that src/cli/demo.ts's `__dirname/../../assets/sample/ieci-2022.xlsx`
// finds the sample workbook shipped in the package.
import { build } from "esbuild";
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OUT = "dist-cli/bin/index-studio.cjs";

rmSync("dist-cli", { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: OUT,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  banner: { js: "#!/usr/bin/env node" },
  legalComments: "none", // the licences are collected whole below
  metafile: true,
  logLevel: "warning",
});
chmodSync(OUT, 0o755);

// Every package with code in the bundle (from the metafile's inputs), with its licence file.
const packages = new Set();
for (const input of Object.keys(metafile.outputs[OUT].inputs)) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(input.slice(0, match.index + match[0].length));
}
const notices = [...packages].sort().map((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const licenceFile = readdirSync(dir).find((name) => /^(licen[sc]e|copying)(\.|$)/i.test(name));
  const text = licenceFile
    ? readFileSync(join(dir, licenceFile), "utf8").trim()
    : `(no licence file; package.json says ${pkg.license ?? "nothing"})`;
  const licence = pkg.license ?? pkg.licenses?.map((l) => l.type).join(" OR ") ?? "not stated";
  return `${pkg.name}@${pkg.version} (${typeof licence === "string" ? licence : JSON.stringify(licence)})\n\n${text}`;
});
if (packages.size === 0) throw new Error("no bundled package found in the metafile: its path layout changed?");
writeFileSync(
  "dist-cli/THIRD-PARTY-LICENSES.txt",
  `Libraries bundled into bin/index-studio.cjs\n\n${notices.join(`\n\n${"-".repeat(72)}\n\n`)}\n`,
);
console.log(`built ${OUT} (${packages.size} bundled packages)`);
