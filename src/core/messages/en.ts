/**
 * The engine's messages in English: one template per key, `{name}` marks a parameter. The words are
 * the ones analysts, tests and the hostile-input corpus already know; zh-CN.ts mirrors every key.
 */
export const en = {
  // Where an issue is and how it is shown (src/core/errors.ts).
  "issue.warning": "Warning: {text}",
  "issue.at": "{where}: {message}",
  "where.row": "{sheet} row {row}",
  "where.column": "{table} column {col}{named}",

  // Table reading (src/core/table.ts).
  "table.blankFirstRow": "the first row is blank, but it must be the header; delete the empty row above row {row}",
  "table.blankFirstRows": "the first row is blank, but it must be the header; delete the empty rows above row {row}",
  "table.headerBelow":
    "; row {row} looks like the header: the header must be the first row, so delete the row above it",
  "table.headerBelowMany":
    "; row {row} looks like the header: the header must be the first row, so delete the rows above it",
  "table.invisibleDifference": '; they differ only by invisible characters: "{a}" and "{b}"',
  "table.tooLong": "{what} is {length} characters long, more than the {max} an Excel cell holds; shorten it",
  "what.unitCode": "the unit code",
  "what.unitName": "the unit name",
  "what.code": "the code",
  "what.name": "the name",
  "what.text": "the text",
  "number.notFinite": "{value} is not a finite number; treated as missing",
  "number.boolean": "{value} is not a number; treated as missing (enter 1 or 0 instead)",
  "number.outOfRange": '"{value}" is out of range; treated as missing',
  "number.excelError": "{value} is an Excel error value; treated as missing (fix the formula or leave the cell empty)",
  "number.notNumber": '"{value}" is not a number; treated as missing ({hint})',
  "hint.thousands": "remove the thousands separators",
  "hint.percent": "enter the number without the % sign",
  "hint.decimalComma": "use a dot as the decimal separator",
  "hint.number": "enter a number or leave the cell empty",
  "code.space": 'code "{code}" contains a space; use letters, digits and _ only (e.g. "{example}")',
  "code.digit": 'code "{code}" starts with a digit; start it with a letter (e.g. "X{code}")',
  "code.characters": 'code "{code}" has characters other than letters, digits, _ . -; rename it',
  "list.andMore": "{list} and {more} more",

  // Data (src/core/data.ts).
  "data.empty":
    "the Data table is empty; it needs a header row (uCode, uName, then one column per indicator code) and one row per unit",
  "data.noCodeColumn": "no unit code column: name one header uCode (or Code); headers found: {headers}{below}",
  "data.columnTwice": 'column "{column}" appears twice (also column {other}){invisible}; keep one',
  "data.noUnits": "Data has a header but no units; add one row per unit",
  "data.indicatorMissing": "indicator {code} (Framework row {row}) has no column in Data{fix}",
  "data.fixInvisible": '; column "{column}" differs only by invisible characters: retype its header as {code}',
  "data.fixCase": '; column "{column}" differs only in case: rename it {code}',
  "data.fixAdd": "; add a column headed {code}",
  "data.denominatorMissing": "denominator {code} has no column in Data; denominating needs it",
  "data.noHeader": "column {col} has values but no header; it is ignored (give it a header)",
  "data.notInFramework":
    'column "{column}" is not in the Framework and is ignored; add it to the Framework (as Indicator, Group or Denominator) to use it',
  "data.noUnitCode": "this row has data but no unit code; fill the code or delete the row",
  "data.duplicateUnit": "duplicate unit code {code} (also in row {row}){invisible}; unit codes must be unique",
  "data.moreCells": "{count} more cells are not numbers and are treated as missing",

  // Framework (src/core/framework.ts).
  "framework.empty":
    "the Framework table is empty; it needs a header row (iCode, iName, Parent, Weight, Direction, …) and one row per indicator and aggregate",
  "framework.twoColumns": "two columns mean {field} (columns {cols}); keep one",
  "framework.noCodeColumn": "no code column: name one header iCode (or Code); headers found: {headers}{below}",
  "framework.noParentColumn":
    "no Parent column: add a Parent column giving, for each indicator and aggregate, the code of the aggregate it feeds (empty for the index)",
  "framework.noCode": "this row has no code; give it a code or delete the row",
  "framework.reserved":
    'code "{code}" is reserved (it would change every object of the program that holds codes); rename it',
  "framework.duplicate": "duplicate code {code} (also in row {row}){invisible}; codes must be unique",
  "framework.badType": 'Type "{type}" is not known; use one of {types} (or leave it empty to infer it)',
  "framework.weightNotNumber": 'weight "{value}" is not a number; weights are numbers ≥ 0',
  "framework.weightNegative": "weight {value} is negative; weights are numbers ≥ 0",
  "framework.direction": 'direction "{value}" must be 1 (higher is better) or -1 (lower is better)',
  "framework.field": "{field} {problem}",
  "framework.scaleFactor": "ScaleFactor {value} must be a number > 0 (e.g. 1000 = per 1,000 of the denominator)",
  "framework.methodCell": '{step} "{text}": {problem}',
  "framework.parentUnknown":
    'Parent "{parent}" of {code} is not a code in the Framework; add a row for it or correct the Parent',
  "framework.indicatorIsParent":
    "{code} is an Indicator but is the Parent of {children}; make it an Aggregate or change those Parents",
  "framework.indicatorNoParent": "indicator {code} has no Parent; give the code of the aggregate it belongs to",
  "framework.aggregateNoChildren":
    "aggregate {code} has no children; give some indicators or aggregates Parent {code}, or delete the row",
  "framework.groupIsParent": "{code} is a {type} but is the Parent of {children}",
  "framework.noTop": "no top node: exactly one aggregate (the index) must have an empty Parent",
  "framework.manyTops": "{count} top nodes ({codes}) have an empty Parent; add an index row and make it their Parent",
  "framework.noIndicators": "the Framework has no indicators (rows with a Parent and no children)",
  "framework.parentNotAggregate": "Parent {parent} of {code} is a {type}, not an aggregate",
  "framework.allZero": "every child of {parent} has weight 0 ({codes}); give at least one a positive weight",
  "framework.noRows": "the Framework has a header but no rows",
  "framework.levelMismatch": "Level {level} of {code} does not fit the tree; it is taken as level {taken}",
  "framework.aggregateCells":
    "{code} is an aggregate: its Normalize, Treat and ScaleFactor cells are ignored (they apply to indicators)",
  "framework.loop": "the Parent chain loops: {chain}; one of these must have another Parent",
  "framework.loopLong": "{start} → … ({count} codes) → {end}",

  // Warnings about single cells (src/core/step-warnings.ts) and missing scores (src/core/pipeline.ts).
  "warn.ratio": "{numerators} / {d}",
  "warn.denominatorMissing":
    "denominator {d} is missing for unit {unit}, so {ratio} has no value and is treated as missing; fill the cell",
  "warn.denominatorZero":
    "denominator {d} is 0 for unit {unit}, so {ratio} has no value and is treated as missing; enter the right {d} or leave the cell empty",
  "warn.denominatorNegative":
    "denominator {d} is negative ({value}) for unit {unit}, so {ratio} changes sign; check the value",
  "warn.moreZero": "{more} more units have {d} = 0 (their {ratio} is missing)",
  "warn.moreNegative": "{more} more units have a negative {d}",
  "warn.moreMissing": "{more} more units have no {d} (their {ratio} is missing)",
  "warn.noGroup": "unit {unit} has no {group}, so {method} imputation cannot fill it",
  "warn.emptyGroup": 'no unit of {group} "{label}" ({members}) has a value, so {method} imputation cannot fill it',
  "warn.unfilled": "{code} is missing and {why}; it stays missing (fill the cell, or impute with mean or median)",
  "warn.moreUnfilled": "{more} more missing cells could not be imputed within their {group}",
  "warn.noScore": "unit {unit} has no {root} score: {why}",
  "warn.belowCoverage":
    "{aggregate} has values for {share} of its children, below aggregate.minCoverage {min}; fill its values or lower aggregate.minCoverage",
  "warn.allMissing": "every indicator that counts toward it is missing; fill its values or delete the row",
  "warn.moreNoScore": "{count} more units have no {root} score (their values are missing)",
  "warn.moreNoScoreCoverage":
    "{count} more units have no {root} score (their values are missing or below aggregate.minCoverage)",
  "warn.aggregateMissing":
    "{count} aggregate score is left missing because too few of their children have a value (listed in the log)",
  "warn.aggregatesMissing":
    "{count} aggregate scores are left missing because too few of their children have a value (listed in the log)",

  // Editions (src/core/editions).
  "editions.label": "Edition {edition}",
  "editions.in": "{edition}: {message}",
  "editions.empty": "{edition} has no values left; fill in its data or delete its rows.",
  "editions.emptyScreened":
    "{edition} has no values left after screening (minimum coverage {min}); lower screen.minCoverage or fill in its data or delete its rows.",
  "editions.notAnEdition": "{wanted} is not an edition in Data; editions: {times}",
  "editions.noTime":
    "this row has no {time}; Data holds several editions, so fill in the edition (e.g. a year) or delete the row",
  "editions.timeNotNumber": '{time} "{value}" is not a number; enter the edition as a number such as a year (2024)',
  "editions.twoRows":
    "unit {unit} has two rows for {time} {edition} (this one and row {row} of Data); keep one row per unit and edition",

  // Options that name what is not there (src/core/steps, src/core/pipeline.ts, src/core/weights-in-force.ts).
  "spec.carryForward":
    "carry-forward fills a gap from the unit's earlier edition, so it needs a Time column in Data with two or more editions; choose another impute method",
  "spec.groupMissing": 'group column "{group}" is not in Data; group columns found: {known}',
  "spec.groupMissingNone":
    'group column "{group}" is not in Data; add a group column (text labels) to Data and list it in the Framework with Type Group',
  "spec.screenUnknown":
    'unit "{unit}" in screen.{key} is not a unit code of Data; correct it or remove it from the list',
  "spec.byIndicatorAggregate": "{code} is an aggregate; {step}.byIndicator takes indicator codes",
  "spec.byIndicatorUnknown":
    '"{code}" in {step}.byIndicator is not an indicator code of the Framework; correct the code',
  "framework.denominatorNotInData":
    'indicator {code} is divided by "{denominator}", which is not a column of Data; add that column to Data or clear the Denominator cell',
  "weights.unknown": "weights name codes that are not in the Framework: {codes}; use indicator or aggregate codes",
  "weights.allZero": "every child of {code} has weight 0; give at least one a positive weight",

  // Computations that cannot go on.
  "compute.screenedAll":
    "Screening excluded every unit: minimum coverage {min}, best unit coverage {best}; lower screen.minCoverage.",
  "compute.screenedAllWhy":
    "Screening excluded every unit ({coverage} by screen.minCoverage, {nonzero} by screen.minNonZero, {forced} by screen.exclude); lower the thresholds or shorten screen.exclude.",
  "compute.constant":
    "Indicator {code} cannot be normalized by {method}: {why}. Remove it from the Framework, give it a weight of 0 and another method, or check its data.",
  "compute.span":
    "Indicator {code} cannot be normalized by {method}: its values span from {lo} to {hi}, beyond what a number can hold. Check its data for mistyped values.",
  "by.minmax": "min-max",
  "by.zscore": "z-score",
  "by.percentile": "percentile",
  "by.fracmax": "fraction of the best value",
  "by.dist2max": "distance to maximum",
  "by.dist2target": "distance to target",
  "compute.noValues": "it has no values",
  "compute.everyValue": "every value is {value}",
  "compute.sdZero": "its standard deviation is 0",
  "compute.sdTooLarge": "its values are too large to compute a standard deviation (check for mistyped values)",
  "compute.fewerThan2": "it has fewer than 2 values",
  "compute.unit": "unit {unit}: {message}",

  // The workbook (src/excel).
  "excel.notFound": "{source} was not found; check the name or choose the data again in the task pane.",
  "excel.sheet": 'sheet "{name}"',
  "excel.table": 'table "{name}"',
  "excel.range": "range {address}",
  "excel.couldNotFinish": "Index Studio could not finish: {error}",
  "excel.couldNotCompute": "Index Studio could not compute the index: {error}",
  "excel.busy": "Excel is busy while a cell is being edited: press Enter or Esc, then try again",

  // The command line's own lines (src/cli).
  "cli.problem": "the input has {count} problem:",
  "cli.problems": "the input has {count} problems:",
  "cli.wrote": "wrote {path}",
  "cli.units": "{count} units",
  "cli.indicators": "{count} indicators",
  "cli.aggregates": "{count} aggregates",
  "cli.imputed": "{count} values imputed",
  "cli.excluded": "{count} units excluded by screening",
  "cli.treated": "{count} indicators treated for outliers",
  "cli.editions": "{count} editions ({times}), {method} normalization, showing {time}",
  "cli.since": "since {time}",
  "cli.new": "new",
  "cli.audit":
    "audit: {flagged} indicator(s) flagged, {collinear} collinear pair(s), {negative} negative correlation(s) with the parent",
  "cli.uncertainty": "uncertainty: {runs} runs (seed {seed}), mean absolute rank shift {shift}",
  "cli.widest": "; widest interval {name} {low}–{high}",
  "cli.sensitivity": "sensitivity: N = {n} ({runs} runs): {parts}",
  "cli.mattersMost": "; matters most: {input}",
  "cli.notAvailable": "n/a",

  // Notes of the robustness analysis (src/core/uncertainty).
  "note.scoreRuns":
    "mean scores and their interval are over the {scoreRuns} of {runs} runs that use the nominal normalization ({method})",
  "note.ranksStill":
    "the ranks never moved in these runs, so the sensitivity indices are not defined; widen the uncertain inputs",
  "note.minmaxPositive":
    "min-max runs on [1, {high}] instead of [{low}, {oldHigh}] because geometric/harmonic means need positive values",
  "note.zscorePositive":
    "z-scores are shifted to mean {mean} (sd {sd}) so that every value is positive for geometric/harmonic means",

  // Analysis budgets (src/core/analysis/budget.ts).
  "budget.why":
    "{units} units × {indicators} indicators: {runs} pipeline runs (at most {maxRuns}), {size} kept (at most {maxSize})",
  "budget.uncertaintyTooLarge":
    "this data is too large for an uncertainty analysis even with 2 runs ({why}); use fewer units or indicators",
  "budget.uncertaintyTooLargeN":
    "this data is too large for an uncertainty analysis even with 2 runs ({why}); use fewer units or indicators, or a smaller sensitivity N",
  "budget.uncertaintyRuns":
    "the number of uncertainty runs must be a whole number from 2 to {max} for this data, got {got} ({why})",
  "budget.sensitivityTooLarge":
    "this data is too large for a sensitivity analysis even with N = 2 ({why}); use fewer units or indicators",
  "budget.sensitivityTooLargeRuns":
    "this data is too large for a sensitivity analysis even with N = 2 ({why}); use fewer units or indicators, or fewer uncertainty runs",
  "budget.sensitivityN":
    "the sensitivity sample size N must be a whole number from 2 to {max} for this data ({perN} runs per N), got {got} ({why})",
  "budget.audit":
    "the statistical audit of {indicators} indicators × {units} units needs {size} of correlation matrices (at most {maxSize}) and {work} steps (at most {maxWork}); audit at most about {max} indicators, or run without --audit",

  // Weighting methods (src/core/weights) and the audit's PCA (src/core/audit).
  "weights.unknownMethod": 'unknown weighting method "{method}"; allowed: {allowed}',
  "ahp.at": "row {row}, column {col}",
  "ahp.empty": "the comparison matrix is empty",
  "ahp.notSquare": "the comparison matrix must be square: it has {n} rows but row {row} has {cols} columns",
  "ahp.diagonal": "the diagonal must be 1 (an item compared with itself), but {at} is {value}",
  "ahp.bothBlank": "{at} and {mirror} are both blank: give one judgment (1-9) for this pair",
  "ahp.notPositive": "judgments must be positive numbers (1/9 to 9), but {at} is {value}",
  "ahp.notReciprocal":
    "the matrix is not reciprocal: {at} is {value} so {mirror} must be 1/{value} ({inverse}), not {got}",
  "entropy.negative":
    "entropy weights need non-negative values, but {code} holds {value}; normalize first (e.g. min-max 0-100)",
  "entropy.fewValues": "entropy weights need at least 2 values in {code}, found {n}",
  "entropy.zeroTotal": "entropy weights need a positive total in {code}, but every value is 0",
  "entropy.even":
    "entropy weights are undefined: every column is spread evenly (all entropies are 1); use equal weights",
  "pca.fewRows": "PCA needs at least 3 rows with a value in every column; found {n}",
  "pca.constant": "PCA needs variation in every column, but {column} is constant over the complete rows",
  "pca.column": "column {n}",
  "pca.fewColumns": "PCA needs at least 2 columns, found {k}",
  "audit.pcaNotComputed": "PCA not computed: {why}",

  // What-if weights (src/core/whatif).
  "whatif.tooLarge":
    "what-if weights need normalized values of moderate size, but {code} holds {value}; normalize it (e.g. min-max 0–100)",
  "whatif.badWeight": "the weight of {code} is {weight}; weights are finite numbers ≥ 0",
  "whatif.domain":
    "with these weights {code} of {unit} is {value}, outside what the mean of {node} accepts ({accepts})",
  "whatif.notNode": "{code} is not a node of the Framework",
  "whatif.notAggregate": "{node} is not an aggregate: presets weigh an aggregate's children",
  "whatif.sharesCount": "{node} has {children} children but {given} weights were given",
  "whatif.gridRows": "{node} has {children} children; the comparison grid has {rows} rows",

  // zod's checks of the options (src/core/zod-text.ts), and the refinements' own words (src/core/spec.ts, src/core/methods).
  "zod.invalidType": "Invalid input: expected {expected}, received {received}",
  "zod.oneOf": "Invalid option: expected one of {values}",
  "zod.expected": "Invalid input: expected {value}",
  "zod.tooSmall": "Too small: expected number to be {op}{n}",
  "zod.tooBig": "Too big: expected number to be {op}{n}",
  "zod.tooShort": "Too small: expected string to have {op}{n} characters",
  "zod.invalid": "Invalid input",
  "zod.type.number": "number",
  "zod.type.string": "string",
  "zod.type.boolean": "boolean",
  "zod.type.object": "object",
  "zod.type.array": "array",
  "zod.type.undefined": "undefined",
  "zod.type.null": "null",
  "zod.own.finite": "must be a finite number",
  "zod.own.share": "must be a share between 0 and 1",
  "zod.own.includeExclude": "a unit cannot be both in include and in exclude",
  "zod.own.pNotZero": "p must not be 0 (p = 0 is the geometric mean)",
  "zod.own.highLow": "high must be greater than low",
  "zod.own.sdPositive": "sd must be greater than 0",
  "zod.own.positive": "must be > 0",
  // Options (src/core/spec.ts): what a block must look like, and the Settings sheet's keys.
  "spec.notObject": "the spec must be an object of options",
  "spec.forbiddenKey":
    '"{key}" cannot be an option name (it is reserved by JavaScript and would change every object); use the option names listed in the README',
  "spec.unknownOption": 'unknown option "{key}"; allowed: {allowed}',
  "spec.trueFalse": "must be true or false",
  "spec.screenHint":
    'screen takes {open} "minCoverage": share 0–1, "minNonZero": share 0–1, "basis": "raw" | "imputed", "include": [unit codes], "exclude": [unit codes] {close}',
  "spec.editionsHint": "editions takes {open} normalize: {modes}, edition: a Time value {close}",
  "spec.weightsMap": "weights must map node codes to non-negative numbers",
  "spec.aggregateObject": "must be an object such as {example}",
  "spec.byLevelMap": "must map level numbers to methods, e.g. {example}",
  "spec.levels": "levels are whole numbers from 2 (the aggregates of indicators) up",
  "spec.shareGot": "must be a share between 0 and 1 (e.g. 0.5 = half of the children), got {got}",
  "spec.globalMethod": 'give the global method next to byIndicator (e.g. "{path}.method")',
  "spec.byIndicatorMap": "must map indicator codes to methods, e.g. {example}",
  "spec.treatOverride": 'must be "none" or {shape}',
  "spec.treatHint": 'a treatment is "none" or winsorize with keys {keys}',
  "spec.methodObject": 'must be an object with a "method" (one of {methods})',
  "spec.unknownMethod": "unknown method {method}; allowed: {allowed}",
  "spec.allowedKeys": "allowed keys for {method}: {keys}",
  "spec.unknownKey": "unknown option {keys}",
  "spec.unknownKeys": "unknown options {keys}",
  "spec.withHint": "{message} ({hint})",
  "spec.notParameter": '"{part}" is not a parameter; write parameters as name=value, e.g. "minmax low=1 high=10"',
  "settings.keyNotText": "the key must be text such as normalize.method",
  "settings.tooDeep": '"{key}…" is not an option: option keys have at most 4 parts (aggregate.byLevel.2.method)',

  // The Published table (src/core/published.ts, src/core/report/published.ts) and the dashboard's options (src/core/report/charts.ts).
  "published.noHeader":
    "the Published table needs a header row with uCode and Rank (optionally Time); headers found: {headers}",
  "published.none": "none",
  "published.noCode": "this row has a rank but no unit code",
  "published.twice": "unit {unit} is listed twice (also row {row}); keep one row per unit",
  "published.rank": 'rank "{value}" is not a whole number from 1',
  "published.time": 'Time "{value}" is not a number; enter the edition the rank belongs to',
  "published.mixed": "the Published table mixes editions ({times}); compare one edition at a time",
  "published.noRanks": "the Published table has a header but no ranks",
  "published.notEdition": "its Time {time} is not an edition in Data; editions: {times}",
  "dashboard.radarUnit": 'radarUnit "{unit}" is not a unit code of Data; use one of {units}...',
  "dashboard.scatter": 'scatterPillars: "{code}" is not an aggregate or indicator code of the Framework',

  // How the command line read its files (src/cli/read.ts, decode.ts, decimal-comma.ts).
  "read.formulaNoResult":
    "{cell} holds a formula with no saved result; it is read as empty (open and save the workbook in Excel to store results)",
  "decode.utf16NoBom": "{label} has no byte order mark but reads as UTF-16 {order} text",
  "decode.windows1252":
    'Note: {label} is not UTF-8; it was read as Windows-1252 (what Excel\'s "CSV (Comma delimited)" writes on Windows){example}. If characters look wrong, save the file as "CSV UTF-8" and run again.',
  "decode.example": ', e.g. line {line} reads "{word}"',
  "decimal.mixed":
    "Note: {label} mixes decimal commas ({comma}) and decimal points ({point}), so no number was converted; the cells that are not numbers are listed below. Use one convention in the whole file.",
  "decimal.read": "Note: {label} uses decimal commas (e.g. {first} read as {value}); {count} cells were read that way.",
  "decimal.readThousands":
    "Note: {label} uses decimal commas (e.g. {first} read as {value}) and dots as thousands separators; {count} cells were read that way.",

  // The uncertain inputs of the robustness analysis, as the Sensitivity sheet describes them (src/core/uncertainty/inputs.ts).
  "input.weightSets": "weight set: {sets}",
  "input.weightNoise": "weights of level {level} ±{percent} %",
  "input.normalize": "normalization: {options}",
  "input.aggregate": "aggregation: {options}",
  "input.impute": "imputation: {options}",
  "input.winsorize": "winsorization limit {min} to {max}",
  "input.path": "{path}: {options}",

  // Excel's sheet size limits (src/core/report/limits.ts).
  "limits.rows":
    "The {name} sheet would need {rows} rows, more than Excel's {max}; compute fewer units at a time, or use the command line's --csv or --json output, which has no row limit.",
  "limits.cols":
    "The {name} sheet would need {cols} columns, more than Excel's {max}; use fewer indicators, or the command line's --csv or --json output.",
  "limits.lines": "{lines}\n{text}",

  // The uncertain inputs a request names (src/core/uncertainty/inputs.ts).
  "input.weightSetUnknown": 'weight set "{name}" names codes that are not in the Framework: {codes}',
  "input.noiseFactor": "the weight noise factor must be between 0 and 1 (0.25 = ±25 %), got {factor}",
  "input.noLevel": "there is no level {level} below the index to put weight noise on (levels 1 to {max})",
  "input.winsorizeLimits": "the winsorization limits must be whole numbers with 0 ≤ min ≤ max, got {min} to {max}",
  "input.pathTwice": '"{path}" and "{other}" both change {top}; give one of them',
  "input.nothing":
    "nothing is uncertain: give at least one of weights, weightSets, normalize, aggregate, impute, winsorize, or a spec path",
  "input.needsPositive":
    "geometric, harmonic or power (p < 0) aggregation needs positive normalized values, which {method} does not guarantee; use minmax, zscore or rank among the normalization alternatives",
  "input.needsNonNegative":
    "power aggregation with an odd or non-integer p needs non-negative normalized values, which {method} does not guarantee; use minmax, zscore or rank among the normalization alternatives",
} as const;

export type EnglishCatalogue = typeof en;
