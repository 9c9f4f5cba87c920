/**
 * The Weights section (issue 15, "live what-if weights"): a slider and a number per pillar and
 * sub-pillar, the Framework's weight marked on each, and the ranking recomputed as you drag by the
 * core's WhatIfModel, with no Excel call. Presets (equal, PCA, entropy, AHP from a pairwise grid);
 * Apply writes the changed weights to the Framework and computes again; Reset restores them.
 */
import type { Language } from "../core/engine";
import type { IndexResult } from "../core/engine";
import { ahp, computeErrorMessage, IndexComputeError, render as renderMessage } from "../core/engine";
import { applyAhp, applyPreset, WhatIfModel, type PresetMethod } from "../core/engine";
import { errorMessages, type AddinService, type StoredChoice } from "../excel/service";
import { t, tw, type WeightsKey } from "./i18n";

export interface WeightsPanelDeps {
  service: Pick<AddinService, "currentResult" | "writeFrameworkWeights">;
  language: () => Language;
  /** Computes the index again (the pane's Compute), after Apply. */
  recompute: () => Promise<unknown>;
}

export interface WeightsPanel {
  /** After every run: rebuilds the model from the service's current result; `choice` is that run's. */
  refresh(choice: StoredChoice | null): Promise<void>;
  /** Texts in the current language. */
  render(): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.append(child);
  return node;
};

/** Up to three significant decimals, no trailing zeros (weights as an analyst types them). */
const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 1000) / 1000) : "–");

/** "3", "1/3", "0.33" → a number, or NaN. */
function parseJudgment(text: string): number {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(?:\/\s*(\d+(?:[.,]\d+)?))?\s*$/.exec(text);
  if (!m) return NaN;
  const a = Number(m[1]!.replace(",", "."));
  const b = m[2] === undefined ? 1 : Number(m[2].replace(",", "."));
  const v = a / b;
  return v >= 1 / 9 - 1e-9 && v <= 9 + 1e-9 ? v : NaN;
}

export function mountWeightsPanel(host: HTMLElement, deps: WeightsPanelDeps): WeightsPanel {
  let model: WhatIfModel | null = null;
  let result: IndexResult | null = null;
  let choice: StoredChoice | null = null;
  let scope = "";
  let ahpOpen = false;
  let ahpGrid: string[][] = [];
  let message: { text: string; error: boolean } | null = null;
  const lang = () => deps.language();
  const T = (key: WeightsKey, values?: Record<string, string | number>) => tw(lang(), key, values);
  // Presets and AHP fail inside the pane (IndexComputeError): in the pane's language.
  const errorText = (error: unknown) =>
    error instanceof IndexComputeError ? computeErrorMessage(error, lang()) : errorMessages(error, lang()).join(" ");
  const nameOf = (code: string) => result?.framework.byCode.get(code)?.name || code;
  host.classList.add("weights-panel");

  // Elements the drag loop updates in place (no rebuild per input event).
  let topRows: HTMLTableRowElement[] = [];
  let movedLine: HTMLElement | null = null;
  let applyButton: HTMLButtonElement | null = null;
  let resetButton: HTMLButtonElement | null = null;
  const inputs = new Map<string, { range: HTMLInputElement; number: HTMLInputElement; row: HTMLElement }>();

  /** Pillars and sub-pillars, depth-first under the index (indicators keep the Framework's weights here). */
  function editable(): { code: string; depth: number }[] {
    if (!model) return [];
    const out: { code: string; depth: number }[] = [];
    const walk = (code: string, depth: number) => {
      for (const child of model!.children(code)) {
        if (model!.children(child).length === 0) continue;
        out.push({ code: child, depth });
        walk(child, depth + 1);
      }
    };
    walk(model.root, 0);
    return out;
  }

  function recompute(): void {
    if (!model) return;
    const t0 = performance.now();
    const failure = model.run();
    const ms = performance.now() - t0;
    host.dataset.rerankMs = ms.toFixed(3);
    if (failure) {
      showMessage(
        failure.kind === "all-zero"
          ? T("weights.allZero", { node: nameOf(failure.node) })
          : renderMessage(lang(), failure.text),
        true,
      );
    } else if (message?.error) showMessage(null);
    updateRanking(ms);
    updateMarks();
  }

  function showMessage(text: string | null, error = false): void {
    message = text === null ? null : { text, error };
    const line = host.querySelector<HTMLElement>(".weights-message");
    if (!line) return;
    line.textContent = message?.text ?? "";
    line.className = `weights-message ${message?.error ? "field-error" : "muted"}`;
    line.hidden = !message;
  }

  function updateRanking(ms: number): void {
    if (!model || !movedLine) return;
    const { ranks, baseRanks, index } = model;
    const order = Array.from(ranks.keys())
      .filter((i) => ranks[i] === ranks[i])
      .sort((a, b) => ranks[a]! - ranks[b]! || a - b);
    topRows.forEach((row, k) => {
      const u = order[k];
      row.hidden = u === undefined;
      if (u === undefined) return;
      const cells = row.cells;
      cells[0]!.textContent = String(ranks[u]);
      cells[1]!.textContent = model!.unitNames[u] || model!.unitCodes[u]!;
      cells[2]!.textContent = index[u]!.toFixed(2);
      const change = baseRanks[u]! - ranks[u]!;
      const cell = cells[3]!;
      cell.className = `num change ${change > 0 ? "up" : change < 0 ? "down" : ""}`;
      cell.textContent =
        change > 0 ? `▲${change}` : change < 0 ? `▼${-change}` : baseRanks[u] === baseRanks[u] ? "–" : "";
      cell.title = change > 0 ? T("weights.up", { n: change }) : change < 0 ? T("weights.down", { n: -change }) : "";
    });
    let moved = 0;
    for (let i = 0; i < ranks.length; i++)
      if (ranks[i] === ranks[i] && baseRanks[i] === baseRanks[i] && ranks[i] !== baseRanks[i]) moved++;
    movedLine.textContent = `${moved > 0 ? T("weights.moved", { count: moved }) : T("weights.unchanged")} · ${T("weights.timing", { ms: ms < 0.1 ? "< 0.1" : ms.toFixed(1) })}`;
  }

  /** The changed marker on each row and whether Apply / Reset can act. */
  function updateMarks(): void {
    if (!model) return;
    for (const [code, { row }] of inputs) {
      const s = model.slot(code);
      row.classList.toggle("changed", model.weights[s] !== model.reference[s]);
    }
    const changed = Object.keys(model.changedWeights()).length > 0;
    if (applyButton)
      applyButton.disabled =
        !changed || !deps.service.writeFrameworkWeights || !choice || message?.error === true || overridden();
    if (resetButton) resetButton.disabled = !changed;
  }

  /** Slider and number show the model's weights (after a preset or Reset). */
  function syncInputs(): void {
    if (!model) return;
    for (const [code, { range, number }] of inputs) {
      const w = model.weights[model.slot(code)]!;
      if (w > Number(range.max)) range.max = String(w);
      range.value = String(w);
      number.value = fmt(w);
    }
  }

  function setWeight(code: string, w: number, from: "range" | "number"): void {
    if (!model) return;
    model.weights[model.slot(code)] = w;
    const pair = inputs.get(code)!;
    if (from === "range") pair.number.value = fmt(w);
    else {
      if (w > Number(pair.range.max)) pair.range.max = String(w);
      pair.range.value = String(w);
    }
    recompute();
  }

  function weightRow(code: string, depth: number): HTMLElement {
    const m = model!;
    const s = m.slot(code);
    const ref = m.reference[s]!;
    const siblings = m
      .children(result!.framework.byCode.get(code)!.parent ?? m.root)
      .map((c) => m.reference[m.slot(c)]!);
    const max = Math.max(1, 2 * siblings.reduce((a, b) => Math.max(a, b), ref));
    const id = `weights-${s}`;
    const name = nameOf(code);
    const range = el("input", {
      type: "range",
      min: "0",
      max: String(max),
      step: String(max / 200),
      value: String(m.weights[s]),
      className: "weights-range",
    });
    range.setAttribute("aria-label", T("weights.slider", { name }));
    // A tick at the Framework's weight: the reference stays visible while dragging.
    const ticks = el("datalist", { id: `${id}-ref` }, el("option", { value: String(ref) }));
    range.setAttribute("list", ticks.id);
    const number = el("input", {
      type: "number",
      min: "0",
      step: "any",
      value: fmt(m.weights[s]!),
      className: "control weights-number",
      id,
    });
    number.setAttribute("aria-label", T("weights.number", { name }));
    const refText = el("span", { className: "weights-ref" }, T("weights.reference", { value: fmt(ref) }));
    refText.setAttribute("aria-hidden", "true");
    const label = el(
      "label",
      { htmlFor: id, className: "weights-label" },
      el("span", { className: "weights-name" }, name),
      refText,
    );
    const row = el(
      "div",
      { className: `weights-row depth-${Math.min(depth, 3)}` },
      label,
      el("div", { className: "weights-inputs" }, range, number, ticks),
    );
    row.dataset.code = code;
    range.addEventListener("input", () => setWeight(code, Number(range.value), "range"));
    number.addEventListener("input", () => {
      const w = Number(number.value);
      number.setAttribute("aria-invalid", String(!(w >= 0) || number.value.trim() === ""));
      if (w >= 0 && number.value.trim() !== "") setWeight(code, w, "number");
    });
    inputs.set(code, { range, number, row });
    return row;
  }

  function presetBar(): HTMLElement {
    const m = model!;
    const select = el("select", { className: "control weights-scope", id: "weights-scope" });
    select.append(el("option", { value: "" }, T("weights.allLevels")));
    for (const code of [...m.aggregates()].reverse())
      select.append(el("option", { value: code, selected: code === scope }, nameOf(code)));
    select.addEventListener("change", () => {
      scope = select.value;
      if (ahpOpen) render();
    });
    const button = (key: WeightsKey, method: PresetMethod | "ahp") => {
      const b = el("button", { type: "button", className: "button small" }, T(key));
      b.dataset.preset = method;
      b.addEventListener("click", () => {
        if (method === "ahp") {
          if (!scope) return showMessage(T("weights.ahpNode"), true);
          ahpOpen = true;
          const n = m.children(scope).length;
          ahpGrid = Array.from({ length: n }, () => Array.from({ length: n }, () => "1"));
          return render();
        }
        try {
          applyPreset(m, method, scope || "all");
          showMessage(null);
        } catch (error) {
          showMessage(errorText(error), true);
        }
        syncInputs();
        recompute();
      });
      return b;
    };
    return el(
      "div",
      { className: "weights-presets" },
      el(
        "label",
        { htmlFor: "weights-scope", className: "weights-for" },
        `${T("weights.presets")} · ${T("weights.presetFor")}`,
      ),
      select,
      el(
        "div",
        { className: "weights-preset-buttons" },
        button("weights.equal", "equal"),
        button("weights.pca", "pca"),
        button("weights.entropy", "entropy"),
        button("weights.ahp", "ahp"),
      ),
    );
  }

  function ahpSection(): HTMLElement {
    const m = model!;
    const kids = m.children(scope);
    const n = kids.length;
    const out = el("output", { className: "weights-ahp-result" });
    out.setAttribute("aria-live", "polite");
    const use = el("button", { type: "button", className: "button small primary" }, T("weights.ahpUse"));
    const lower: HTMLElement[][] = kids.map(() => []);
    const evaluate = () => {
      const values = ahpGrid.map((row, i) => row.map((cell, j) => (i === j ? 1 : i < j ? parseJudgment(cell) : NaN)));
      for (let i = 0; i < n; i++)
        for (let j = 0; j < i; j++)
          lower[i]![j]!.textContent = Number.isNaN(values[j]![i]!) ? "?" : fmt(1 / values[j]![i]!);
      if (values.some((row, i) => row.some((v, j) => i < j && Number.isNaN(v)))) {
        out.replaceChildren(T("weights.ahpBad"));
        out.className = "weights-ahp-result field-error";
        use.disabled = true;
        return null;
      }
      const r = ahp(values);
      const list = kids
        .map((c, k) => `${c} ${(r.weights[k]! * 100).toFixed(1)} %`)
        .join(lang() === "zh-CN" ? "、" : ", ");
      out.replaceChildren(
        el("span", {}, T("weights.ahpWeights", { weights: list })),
        el(
          "span",
          {},
          T(r.consistent ? "weights.ahpConsistent" : "weights.ahpInconsistent", {
            cr: Number.isFinite(r.cr) ? r.cr.toFixed(3) : "–",
          }),
        ),
      );
      out.className = `weights-ahp-result ${r.consistent ? "muted" : "field-error"}`;
      use.disabled = !r.consistent;
      return values;
    };
    const table = el("table", { className: "weights-ahp-grid" });
    const head = el("tr", {}, el("th", {}));
    // Columns by number (row k is column k), so that five or six parts fit 320 px.
    kids.forEach((c, j) => {
      const th = el("th", { scope: "col", title: nameOf(c) }, String(j + 1));
      th.setAttribute("aria-label", nameOf(c));
      head.append(th);
    });
    table.append(el("thead", {}, head));
    const body = el("tbody");
    kids.forEach((rowCode, i) => {
      const tr = el("tr", {}, el("th", { scope: "row", title: nameOf(rowCode) }, `${i + 1} · ${rowCode}`));
      kids.forEach((colCode, j) => {
        if (i === j) return tr.append(el("td", { className: "diag" }, "1"));
        if (i > j) {
          const cell = el("td", { className: "recip" });
          lower[i]![j] = cell;
          return tr.append(cell);
        }
        const input = el("input", { className: "control", value: ahpGrid[i]![j]!, inputMode: "decimal" });
        input.setAttribute("aria-label", T("weights.ahpCell", { row: nameOf(rowCode), col: nameOf(colCode) }));
        input.addEventListener("input", () => {
          ahpGrid[i]![j] = input.value;
          input.setAttribute("aria-invalid", String(Number.isNaN(parseJudgment(input.value))));
          evaluate();
        });
        tr.append(el("td", {}, input));
      });
      body.append(tr);
    });
    table.append(body);
    use.addEventListener("click", () => {
      const values = evaluate();
      if (!values) return;
      try {
        applyAhp(m, scope, values);
      } catch (error) {
        showMessage(errorText(error), true);
      }
      syncInputs();
      recompute();
    });
    const close = el("button", { type: "button", className: "button small" }, T("weights.ahpClose"));
    close.addEventListener("click", () => {
      ahpOpen = false;
      render();
    });
    const box = el(
      "div",
      { className: "weights-ahp" },
      el("h3", {}, T("weights.ahpHeading", { node: nameOf(scope) })),
      el("p", { className: "muted weights-help" }, T("weights.ahpHelp")),
      el("div", { className: "weights-ahp-scroll" }, table),
      out,
      el("div", { className: "weights-actions" }, use, close),
    );
    evaluate();
    return box;
  }

  async function apply(): Promise<void> {
    if (!model || !choice || !deps.service.writeFrameworkWeights) return showMessage(T("weights.noWrite"), true);
    const weights = model.changedWeights();
    showMessage(T("weights.applying"));
    if (applyButton) applyButton.disabled = true;
    try {
      await deps.service.writeFrameworkWeights(choice.framework, weights);
      await deps.recompute(); // its run calls refresh(), which rebuilds the model on the new weights
      showMessage(T("weights.applied"));
    } catch (error) {
      showMessage(errorText(error), true);
      updateMarks();
    }
  }

  /** Settings weights override the Framework's: writing the Framework would change nothing. */
  const overridden = () => Object.keys(result?.spec.weights ?? {}).length > 0;

  function render(): void {
    const ownToggle = document.querySelector<HTMLElement>("[data-weights-own-toggle]");
    if (ownToggle) ownToggle.textContent = T("weights.heading");
    inputs.clear();
    host.replaceChildren();
    if (!model) {
      host.append(el("p", { className: "muted" }, T("weights.empty")));
      return;
    }
    host.append(el("p", { className: "muted weights-intro" }, T("weights.intro")));
    // The ranking first: it is what moves while a slider is dragged.
    movedLine = el("p", { className: "muted weights-moved" });
    const table = el("table", { className: "top-table weights-top" });
    table.append(el("caption", { className: "visually-hidden" }, `${T("weights.top")} · ${T("weights.vsRun")}`));
    const head = el("tr", {});
    for (const [text, cls] of [
      [t(lang(), "rank"), ""],
      [t(lang(), "unit"), ""],
      [t(lang(), "score"), "num"],
      ["±", "num"],
    ] as const)
      head.append(el("th", { scope: "col", className: cls }, text));
    (head.cells[3] as HTMLElement).title = T("weights.vsRun");
    table.append(el("thead", {}, head));
    const body = el("tbody");
    topRows = Array.from({ length: Math.min(10, model.unitCodes.length) }, () => {
      const tr = el(
        "tr",
        {},
        el("td"),
        el("td"),
        el("td", { className: "num" }),
        el("td", { className: "num change" }),
      );
      body.append(tr);
      return tr;
    });
    table.append(body);
    host.append(el("h3", {}, T("weights.top")), movedLine, table);
    const line = el("p", { className: "weights-message" });
    line.setAttribute("role", "status");
    host.append(presetBar());
    if (ahpOpen && scope) host.append(ahpSection());
    host.append(line);
    const tree = el("div", { className: "weights-tree" });
    for (const { code, depth } of editable()) tree.append(weightRow(code, depth));
    host.append(tree);
    applyButton = el("button", { type: "button", className: "button primary" }, T("weights.apply"));
    applyButton.addEventListener("click", () => void apply());
    resetButton = el("button", { type: "button", className: "button" }, T("weights.reset"));
    resetButton.addEventListener("click", () => {
      model?.reset();
      showMessage(null);
      syncInputs();
      recompute();
    });
    host.append(el("div", { className: "weights-actions" }, applyButton, resetButton));
    if (overridden() && !message) message = { text: T("weights.fromSettings"), error: false };
    showMessage(message?.text ?? null, message?.error ?? false);
    recompute();
  }

  render();
  return {
    render,
    async refresh(runChoice) {
      choice = runChoice;
      result = await deps.service.currentResult();
      try {
        model = result ? new WhatIfModel(result) : null;
      } catch (error) {
        model = null;
        message = { text: errorText(error), error: true };
      }
      if (model && scope && model.slot(scope) < 0) scope = "";
      ahpOpen = ahpOpen && scope !== "";
      render();
    },
  };
}

/**
 * The Weights section's body: the shell's `#section-weights-body` when the pane has one, else a
 * section of the shared shape added before Analysis (so this feature works before the shell's merge).
 */
export function weightsSectionBody(heading: string): HTMLElement {
  const found = document.getElementById("section-weights-body");
  if (found) return found;
  const body = el("div", { id: "section-weights-body" });
  const toggle = el("button", { type: "button", className: "section-toggle" }, heading);
  toggle.dataset.weightsOwnToggle = "";
  toggle.setAttribute("aria-expanded", "true");
  toggle.setAttribute("aria-controls", body.id);
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    body.hidden = !open;
  });
  const section = el("section", { className: "pane-section" }, el("h2", {}, toggle), body);
  section.dataset.section = "weights";
  const main = document.querySelector("main") ?? document.body;
  main.insertBefore(section, document.getElementById("analysis"));
  return body;
}
