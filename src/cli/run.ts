/** The command line as a function (argv in, exit code out) so that tests can run it in-process too. */
import { computeErrorMessage, formatIssue, IndexComputeError, IndexInputError } from "../core/engine";
import type { Language } from "../core/engine";
import { msg, render } from "../core/engine";
import { parseArgs, USAGE, UsageError, type CliArgs } from "./args";
import { runCompute } from "./compute";
import { runDemo } from "./demo";
import { OutputRefusedError } from "./paths";
import { InputFileError } from "./read";
import { escapeControls } from "./terminal";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
/** Anything unexpected (a bug): a one-line message, the stack only with INDEX_STUDIO_DEBUG=1. */
export const EXIT_INTERNAL = 3;

export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Everything printed may quote the files: control characters are shown escaped.
  const io: CliIo = { out: (text) => rawIo.out(escapeControls(text)), err: (text) => rawIo.err(escapeControls(text)) };
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`index-studio: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.command === "help") {
    io.out(USAGE);
    return EXIT_OK;
  }
  let origins = {};
  // The language of everything printed: --lang (the result sheets') also for the messages.
  const lang: Language = args.lang;
  let notes: string[] = [];
  try {
    if (args.command === "demo") return await runDemo(args, io, (o) => (origins = o));
    // Origins are known once the files are read; errors thrown by computeIndex use them below.
    const outcome = await runCompute(
      args,
      (o) => (origins = o),
      (n) => (notes = n),
    );
    for (const message of outcome.messages) io.err(message);
    io.out(outcome.summary);
    for (const path of outcome.written) io.out(render(lang, msg("cli.wrote", { path })));
    return EXIT_OK;
  } catch (error) {
    for (const note of notes) io.err(note); // how the files were read explains many failures
    if (error instanceof IndexInputError) {
      const errors = error.issues.filter((issue) => issue.severity === "error");
      io.err(
        `index-studio: ${render(lang, msg(errors.length === 1 ? "cli.problem" : "cli.problems", { count: errors.length }))}`,
      );
      for (const issue of error.issues) io.err(`  ${formatIssue(issue, origins, lang)}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof IndexComputeError || error instanceof InputFileError) {
      io.err(`index-studio: ${error instanceof IndexComputeError ? computeErrorMessage(error, lang) : error.message}`);
      if (error instanceof IndexComputeError)
        for (const issue of error.related) io.err(`  ${formatIssue(issue, origins, lang)}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof OutputRefusedError) {
      io.err(`index-studio: ${error.message}`);
      return EXIT_USAGE;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
      io.err(`index-studio: cannot write: ${(error as Error).message}`);
      return EXIT_BAD_INPUT;
    }
    io.err(`index-studio: internal error: ${(error as Error).message ?? String(error)}`);
    if (process.env.INDEX_STUDIO_DEBUG === "1") io.err(String((error as Error).stack));
    return EXIT_INTERNAL;
  }
}
