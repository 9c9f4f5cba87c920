/**
 * Request context and client-object base of the Excel fake. Like Office.js: every proxy call is
 * queued; sync() sends the queue (failing when the request is over the payload limit), runs it in
 * order, and only then makes loaded properties readable. An operation that throws stops the batch
 * and the operations before it stay applied, as in Excel.
 */
import type { Rect } from "./address";
import { FakeOfficeError, type RequestRecord, type SheetModel, type WorkbookModel } from "./model";

export type LoadResult = { bytes: number; commit: () => void };
interface Action {
  name: string;
  bytes: number;
  run: () => LoadResult | void;
}

const encoder = new TextEncoder();

/** Size of an argument as Office.js would send it: JSON in UTF-8. */
export function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  if (Array.isArray(value) && value.length > 0 && Array.isArray(value[0])) {
    let n = 2;
    for (const row of value as unknown[][]) n += utf8(JSON.stringify(row)) + 1;
    return n;
  }
  return utf8(JSON.stringify(value) ?? "");
}

function utf8(text: string): number {
  // Pure ASCII (the common case) needs no encoding.
  return /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).length;
}

const OP_OVERHEAD = 80;

export class FakeRequestContext {
  readonly model: WorkbookModel;
  readonly trackedObjects = { add(): void {}, remove(): void {} };
  private queue: Action[] = [];
  private afterSync: (() => void)[] = [];
  private touched = new Map<SheetModel, Rect>();
  calculationSuspended = false;
  /** Excel.run({ delayForCellEdit: true }, ...): wait out the user's cell edit instead of failing. */
  delayForCellEdit = false;
  // Set by the workbook module (avoids an import cycle).
  workbook: unknown;
  application: unknown;

  constructor(model: WorkbookModel) {
    this.model = model;
  }

  enqueue(name: string, payload: unknown, run: () => LoadResult | void): void {
    this.queue.push({ name, bytes: OP_OVERHEAD + jsonBytes(payload), run });
  }

  /** Runs after the next successful sync (null-object flags). */
  onSynced(callback: () => void): void {
    this.afterSync.push(callback);
  }

  touch(sheet: SheetModel, rect: Rect): void {
    this.touched.set(sheet, rect);
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    const callbacks = this.afterSync;
    this.queue = [];
    this.afterSync = [];
    if (actions.length === 0) {
      // Office.js resolves an empty sync without a round trip.
      for (const callback of callbacks) callback();
      return;
    }
    if (this.model.inCellEditMode) {
      // https://learn.microsoft.com/javascript/api/excel/excel.runoptions: without delayForCellEdit (or
      // before ExcelApi 1.11, which introduced it) a batch sent while the user edits a cell fails.
      if (this.delayForCellEdit && this.model.excelApiMinor >= 11) await this.model.cellEditEnded();
      else {
        this.model.requests.push({
          sync: this.model.requests.length + 1,
          requestBytes: 0,
          responseBytes: 0,
          operations: actions.length,
          calculationSuspended: this.calculationSuspended,
          failed: "InvalidOperationInCellEditMode",
        });
        throw new FakeOfficeError(
          "InvalidOperationInCellEditMode",
          "The operation cannot be performed while Excel is in cell-edit mode. Exit the edit mode by pressing Enter or Tab, or by clicking another cell, and then try again.",
        );
      }
    }
    const record: RequestRecord = {
      sync: this.model.requests.length + 1,
      requestBytes: actions.reduce((n, a) => n + a.bytes, 200),
      responseBytes: 0,
      operations: actions.length,
      calculationSuspended: this.calculationSuspended,
      failed: null,
    };
    this.calculationSuspended = false;
    this.model.requests.push(record);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (record.requestBytes > this.model.payloadLimitBytes) {
      record.failed = "RequestPayloadSizeLimitExceeded";
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${record.requestBytes} bytes).`,
      );
    }
    const commits: (() => void)[] = [];
    this.touched = new Map();
    try {
      for (const action of actions) {
        const result = action.run();
        if (result) {
          record.responseBytes += result.bytes;
          commits.push(result.commit);
        }
      }
    } catch (error) {
      record.failed = error instanceof FakeOfficeError ? error.code : String(error);
      this.raiseTouched();
      throw error;
    }
    this.raiseTouched();
    if (record.responseBytes > this.model.payloadLimitBytes) {
      record.failed = "ResponsePayloadSizeLimitExceeded";
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${record.responseBytes} bytes).`,
      );
    }
    for (const commit of commits) commit();
    for (const callback of callbacks) callback();
  }

  private raiseTouched(): void {
    for (const [sheet, rect] of this.touched)
      if (!sheet.deleted) this.model.raiseChanged(sheet, rect, "ThisLocalAddin");
    this.touched = new Map();
  }
}

/** Splits "a, b/c" / ["a"] / { select: "a,b" } into property paths. */
export function loadPaths(spec?: string | string[] | { select?: string | string[] }): string[] | null {
  if (spec === undefined) return null;
  const raw =
    typeof spec === "string"
      ? spec
      : Array.isArray(spec)
        ? spec.join(",")
        : spec.select === undefined
          ? ""
          : Array.isArray(spec.select)
            ? spec.select.join(",")
            : spec.select;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/**
 * A proxy over a model object found lazily (at the queued operation that first needs it) and then
 * kept. Nullable proxies (getItemOrNullObject) are resolved at their place in the queue.
 */
export abstract class FakeClientObject<M> {
  readonly context: FakeRequestContext;
  private readonly resolver: () => M | null;
  private resolved: { value: M | null } | null = null;
  private readonly nullable: boolean;
  private nullFlag: boolean | undefined;
  private readonly loaded = new Map<string, unknown>();
  private readonly localSets = new Map<string, unknown>();
  protected abstract readonly describe: string;
  /** Properties loaded by load() without arguments. */
  protected abstract readonly scalarProps: readonly string[];

  constructor(context: FakeRequestContext, resolver: () => M | null, nullable = false) {
    this.context = context;
    this.resolver = resolver;
    this.nullable = nullable;
    if (nullable) {
      context.enqueue(`${this.constructor.name}.resolve`, null, () => {
        this.tryResolve();
      });
      context.onSynced(() => {
        this.nullFlag = this.resolved?.value === null;
      });
    }
  }

  get isNullObject(): boolean {
    if (this.nullFlag === undefined) {
      if (!this.nullable) return false;
      throw notLoaded("isNullObject");
    }
    return this.nullFlag;
  }

  private tryResolve(): M | null {
    if (!this.resolved) {
      let value: M | null;
      try {
        value = this.resolver();
      } catch (error) {
        if (!this.nullable) throw error;
        value = null;
      }
      this.resolved = { value };
    }
    return this.resolved.value;
  }

  /** The model object, at execution time; throws ItemNotFound for a missing or deleted object. */
  resolve(): M {
    const value = this.tryResolve();
    if (value === null || (value as { deleted?: boolean }).deleted) {
      throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist (${this.describe}).`);
    }
    return value;
  }

  /** Reads one property of the resolved model (at execution). */
  protected abstract readProp(name: string, model: M): unknown;

  /** A navigation property for load paths such as "worksheet/id" (override where there are any). */
  protected navigate(_name: string): FakeClientObject<unknown> | undefined {
    return undefined;
  }

  load(spec?: string | string[] | { select?: string | string[] }): this {
    const paths = loadPaths(spec) ?? ["*"];
    this.context.enqueue(`${this.constructor.name}.load`, paths, () => {
      if (this.tryResolve() === null) return { bytes: 0, commit: () => undefined };
      return this.readNow(paths);
    });
    return this;
  }

  /** Property getter for subclasses: throws PropertyNotLoaded unless loaded and synced (or set locally). */
  protected get<T>(prop: string): T {
    if (this.localSets.has(prop)) return this.localSets.get(prop) as T;
    if (this.loaded.has(prop)) return this.loaded.get(prop) as T;
    throw notLoaded(prop);
  }

  /** Property setter for subclasses: queues the change; visible in the workbook after sync. */
  protected set<V>(prop: string, value: V, apply: (model: M, value: V) => void): void {
    this.localSets.set(prop, value);
    const op = `${this.constructor.name.replace(/^Fake/, "")}.${prop}`;
    this.context.enqueue(op, value, () => {
      const model = this.resolve();
      this.context.model.checkFailure(op);
      apply(model, value);
    });
  }

  /** Queues a method call. */
  protected call(method: string, payload: unknown, run: (model: M) => void): void {
    const op = `${this.constructor.name.replace(/^Fake/, "")}.${method}`;
    this.context.enqueue(op, payload, () => {
      const model = this.resolve();
      this.context.model.checkFailure(op);
      run(model);
    });
  }

  /** Reads properties immediately, inside an executing sync (collection items). */
  readNow(paths: string[]): LoadResult {
    const model = this.resolve();
    const props = paths.includes("*") ? [...this.scalarProps] : paths;
    const data = new Map<string, unknown>();
    const nested: LoadResult[] = [];
    let bytes = 0;
    for (const p of props) {
      const slash = p.indexOf("/");
      if (slash >= 0) {
        const nav = this.navigate(p.slice(0, slash));
        if (!nav) throw new FakeOfficeError("InvalidArgument", `cannot load "${p}" on ${this.describe}`);
        const r = nav.readNow([p.slice(slash + 1)]);
        nested.push(r);
        bytes += r.bytes;
        continue;
      }
      if (!this.scalarProps.includes(p))
        throw new FakeOfficeError("InvalidArgument", `${this.describe} has no property "${p}"`);
      const v = this.readProp(p, model);
      bytes += p.length + 3 + jsonBytes(v);
      data.set(p, v);
    }
    return {
      bytes,
      commit: () => {
        for (const [k, v] of data) {
          this.loaded.set(k, v);
          this.localSets.delete(k);
        }
        for (const n of nested) n.commit();
      },
    };
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** A collection whose `items` is loaded with load("items/name") or load("name"). */
export abstract class FakeCollection<M, P extends FakeClientObject<unknown>> extends FakeClientObject<M> {
  private itemProxies: P[] | null = null;
  protected readonly scalarProps: readonly string[] = ["count"];

  protected abstract listItems(model: M): unknown[];
  protected abstract itemProxy(item: unknown): P;

  get items(): P[] {
    if (!this.itemProxies) throw notLoaded("items");
    return this.itemProxies;
  }

  override load(spec?: string | string[] | { select?: string | string[] }): this {
    const paths = (loadPaths(spec) ?? ["items"]).map((p) => p.replace(/^items\/?/, "")).filter((p) => p !== "");
    if (paths.length === 1 && paths[0] === "count") return super.load("count");
    // The item proxies exist only at execution, so their loads are queued from there.
    this.context.enqueue(`${this.constructor.name}.loadItemProps`, null, () => {
      const items = this.listItems(this.resolve());
      const proxies = items.map((item) => this.itemProxy(item));
      let bytes = 0;
      const commits: (() => void)[] = [];
      for (const proxy of proxies) {
        const data = proxy.readNow(paths.length ? paths : ["*"]);
        bytes += data.bytes;
        commits.push(data.commit);
      }
      return {
        bytes,
        commit: () => {
          this.itemProxies = proxies;
          for (const c of commits) c();
        },
      };
    });
    return this;
  }

  protected readProp(name: string, model: M): unknown {
    if (name === "count") return this.listItems(model).length;
    return undefined;
  }
}
