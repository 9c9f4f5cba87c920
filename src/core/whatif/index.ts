/** Live what-if weights: fast re-aggregation and re-ranking of a computed result, and weight presets. */
export { WhatIfModel, type WhatIfFailure } from "./model";
export { applyAhp, applyPreset, presetShares, setChildShares, PRESET_METHODS, type PresetMethod } from "./presets";
