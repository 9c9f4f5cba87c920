/**
 * Loaded first in every bundle of the task pane page. zod compiles fast parsers with `new Function` unless told
 * not to, and only probes for it when its schemas are built, so this must run before any schema module.
 * The pane's Content-Security-Policy forbids eval; without this the probe logs a CSP violation.
 */
import { config } from "zod";

config({ jitless: true });
