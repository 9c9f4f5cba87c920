/** Entry point of the command line: `npm run --silent cli -- compute <input> ...`, `npm run demo`. */
import { runCli } from "./run";
import { escapeControls } from "./terminal";

// `index-studio ... | head` closes stdout early: the run still finishes its files; the rest of the text is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `index-studio: internal error: ${escapeControls((error as Error).message ?? String(error))}\n`,
    );
    process.exitCode = 3;
  },
);
