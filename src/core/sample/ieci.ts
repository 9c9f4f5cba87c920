/**
 * The bundled sample: International Exchange Centers Index 2022 (IECI; Tsinghua University CIDP
 * with Deloitte). The framework and the published top-20 order follow the report; every value
 * below is ILLUSTRATIVE, not the official data (which is not published per indicator): values
 * were set to plausible magnitudes and then adjusted so that the sample's own Settings reproduce
 * the published top-20 order (see assets/sample/calibrate.ts). Pure data, no I/O: the command
 * line, the sample generator and the add-in's "New index from template" all read it from here.
 */
import type { Table } from "../types";
import { IECI_2024_ROWS } from "./ieci-2024";

/** The published top 20 of the IECI 2022, in order (English names as in the Data sheet). */
export const IECI_PUBLISHED_TOP20: readonly string[] = [
  "London", "New York", "Paris", "Singapore", "Seoul", "Hong Kong", "Beijing", "Tokyo", "San Francisco", "Copenhagen",
  "Madrid", "Amsterdam", "Los Angeles", "Munich", "Berlin", "Barcelona", "Shanghai", "Boston", "Washington", "Sydney",
];

export const IECI_NOTICE =
  "Illustrative values, not the official IECI data: the framework and the published top-20 order follow the " +
  "International Exchange Centers Index 2022 (Tsinghua University CIDP and Deloitte); indicator names beyond the " +
  "confirmed ones, the 15 added cities and every number are plausible stand-ins chosen for this sample.";

const DATA_HEADER = ["uCode", "uName", "Region", "Population", "PM25", "Green", "Startup", "OfficeRent", "Tourists", "Heritage", "ForeignBorn", "VisaFree", "HCPapers", "PCT", "Unicorns", "HigherEd", "Museums", "Fortune500", "GDPpc", "ForeignInst", "IntlOrgHQ", "AirRoutes", "AirPax", "TransitRail", "MobileSpeed", "Broadband", "Conferences", "Fairs", "Events"] as const;
const DATA_ROWS: readonly (readonly (string | number | null)[])[] = [
  ["LON", "London", "Europe", 9, 10, 33, 93, 1800, 19.2, 4, 37, 187, 3197, 3500, 45, 21, 190, 15, 72, 399, 30, 383, 140, 1400, 45, 75, 143, 60, 95],
  ["NYC", "New York", "Americas", 19.8, 8, 27, 95, 1300, 14.5, 1, 37, 186, 2400, 5000, 120, 10, 153, 15, 90, 360, 52, 200, 65, 1300, 80, 200, 107, 50, 106],
  ["PAR", "Paris", "Europe", 12.3, 12, 10, 75, 1250, 19.1, 4, 20, 188, 1600, 8000, 25, 14, 150, 22, 80, 300, 30, 300, 95, 1100, 70, 230, 157, 90, 90],
  ["SIN", "Singapore", "Asia-Pacific", 5.6, 18, 47, 96.6, 1000, 14.7, 1, 30, 192, 1100, 1100, 17, 4, 54, 3, 72, 150, 23, 230, 68, 229, 109, 299, 203, 73, 72],
  ["SEL", "Seoul", "Asia-Pacific", 9.7, 21, 28, 62, 500, 11.2, 5, 4.5, 192, 900, 11000, 12, 12, 120, 14, 40, 170, 12, 180, 71, 1200, 130, 230, 114, 60, 55],
  ["HKG", "Hong Kong", "Asia-Pacific", 7.4, 20, 45, 72.7, 2000, 36, 1, 39, 170, 1035, 700, 9, 7, 69, 9, 49, 180, 9, 170, 75, 258, 115, 305, 132, 138, 57],
  ["BJS", "Beijing", "Asia-Pacific", 21.9, 30, 40, 59.3, 700, 3.2, 7, 1, 80, 5200, 11000, 90, 14, 157, 54, 28, 200, 17, 130, 25, 678, 90, 200, 83, 78, 52],
  ["TYO", "Tokyo", "Asia-Pacific", 37.3, 10, 7, 46, 1300, 14, 2, 4, 193, 700, 40000, 6, 10, 170, 36, 55, 240, 10, 170, 55, 2100, 55, 180, 131, 80, 70],
  ["SFO", "San Francisco", "Americas", 4.7, 9, 14, 96, 900, 3, 1, 35, 186, 2600, 13000, 200, 5, 60, 8, 140, 100, 4, 80, 14, 350, 90, 210, 40, 30, 35],
  ["CPH", "Copenhagen", "Europe", 2.1, 8, 28.7, 48, 450, 3.2, 3, 14, 188, 700, 1600, 4, 3, 73, 1, 80, 120, 18, 185, 29, 170, 166, 220, 130, 22, 48],
  ["MAD", "Madrid", "Europe", 6.8, 10, 25, 45, 500, 7.6, 5, 19, 190, 500, 1000, 3, 6, 100, 5, 45, 150, 15, 190, 45, 600, 60, 190, 130, 60, 55],
  ["AMS", "Amsterdam", "Europe", 2.5, 9, 13, 50, 650, 9, 4, 35, 188, 800, 1500, 6, 3, 75, 4, 75, 110, 10, 300, 71, 150, 100, 130, 91, 40, 46],
  ["LAX", "Los Angeles", "Americas", 13.2, 12, 15, 97.7, 600, 7.4, 0, 34, 186, 1100, 4500, 30, 5, 90, 3, 80, 100, 3, 100, 25, 180, 75, 190, 46, 35, 69],
  ["MUC", "Munich", "Europe", 2.9, 9, 12, 63.2, 600, 4.7, 2, 28, 190, 800, 6000, 8, 3, 81, 5, 90, 110, 6, 240, 36, 600, 60, 90, 93, 80, 60],
  ["BER", "Berlin", "Europe", 3.6, 11, 26.1, 60, 550, 6, 3, 22, 190, 783, 983, 17, 4, 130, 1, 48, 209, 9, 150, 33, 687, 48, 95, 130, 52, 52],
  ["BCN", "Barcelona", "Europe", 5.6, 13, 12, 65.9, 450, 7, 3, 24, 190, 800, 945, 5, 5, 70, 1, 42, 90, 10, 190, 37, 300, 55, 185, 170, 55, 55],
  ["SHA", "Shanghai", "Asia-Pacific", 24.9, 28, 31.3, 50.2, 700, 7, 1, 1.3, 80, 1565, 6040, 50, 8, 113, 10, 27, 96, 5, 130, 40, 722, 96, 170, 70, 104, 50],
  ["BOS", "Boston", "Americas", 4.9, 7, 18, 81.9, 850, 2.4, 0, 28, 186, 3165, 4500, 26, 8, 60, 3, 105, 60, 3, 70, 7, 300, 85, 195, 45, 20, 40],
  ["WAS", "Washington", "Americas", 6.4, 8, 23, 45, 650, 2.1, 1, 23, 186, 900, 1500, 6, 4, 68, 4, 100, 270, 30, 90, 10, 350, 85, 200, 50, 24, 35],
  ["SYD", "Sydney", "Asia-Pacific", 5.3, 7, 52.9, 63.2, 1000, 4.3, 3, 40, 185, 1035, 605, 8, 5, 66, 2, 70, 110, 6, 70, 17, 460, 92, 60, 98, 35, null],
  ["SZX", "Shenzhen", "Asia-Pacific", 17.6, 20, 45, 55, 450, 12.2, 0, 1, 80, 800, 20000, 30, 3, 50, 10, 27, 11, 2, 40, 6, 430, 120, 200, 25, 80, 25],
  ["CAN", "Guangzhou", "Asia-Pacific", 18.7, 24, 42, 35, 400, 9, 1, 1, 80, 1100, 4000, 12, 5, 60, 4, 23, 70, 2, 90, 18, 620, 110, 190, 30, 110, 25],
  ["YTO", "Toronto", "Americas", 6.2, 7, 13, 62, 600, 4.9, 0, 46, 185, 900, 1200, 15, 3, 70, 6, 55, 100, 6, 160, 30, 150, 80, 180, 50, 30, 45],
  ["CHI", "Chicago", "Americas", 9.6, 9, 8.5, 60, 550, 2, 1, 20, 186, 900, 1800, 15, 4, 70, 4, 75, 100, 5, 120, 15, 400, 80, 190, 45, 80, 45],
  ["ZRH", "Zurich", "Europe", 1.4, 9, 41, 38, 900, 2.8, 3, 32, 188, 800, 2000, 4, 2, 50, 5, 110, 60, 8, 170, 30, 380, 100, 200, 40, 20, 30],
  ["FRA", "Frankfurt", "Europe", 2.3, 10, 21, 30, 650, 2.6, 3, 30, 190, 300, 3000, 2, 2, 60, 3, 85, 110, 8, 300, 62, 350, 55, 90, 25, 90, 30],
  ["DXB", "Dubai", "Middle East & Africa", 3.5, 40, 3, 35, 600, 16.7, 0, 85, 179, 76, 150, 3, 1, null, 0, 45, 110, 5, 260, 86, 103, 165, 150, 55, 90, 50],
  ["STO", "Stockholm", "Europe", 2.4, 5, 30, 45.5, 800, 2.7, 3, 25, 189, 800, 3200, 10, 3, 80, 3, 75, 100, 10, 140, 24, 300, 100, 180, 70, 25, 35],
  ["VIE", "Vienna", "Europe", 2, 12, 40, 27.4, 450, 6.6, 3, 36, 189, 400, 800, 2, 3, 120, 1, 60, 190, 25, 180, 30, 260, 55, 80, 119, 35, 41],
  ["MIL", "Milan", "Europe", 3.2, 20, 14, 32, 750, 6.8, 4, 20, 189, 700, 1400, 2, 4, 90, 3, 60, 120, 6, 180, 35, 250, 45, 100, 75, 110, 50],
  ["MOW", "Moscow", "Europe", 12.6, 10, null, 40, 700, 5, 4, 6, 119, 300, 800, 3, 6, 276, 4, 25, 200, 8, 170, 45, 850, 30, 100, 70, 60, 45],
  ["MEL", "Melbourne", "Asia-Pacific", 5, 7, 19, 42, 650, 2.9, 1, 38, 185, 1000, 600, 6, 4, 60, 3, 55, 70, 4, 40, 11, 400, 80, 60, 60, 30, 55],
  ["OSA", "Osaka", "Asia-Pacific", 19.1, 11, 5, 27.9, 500, 12, 4, 3, 193, 300, 14000, 1, 3, 70, 8, 45, 60, 3, 80, 25, 800, 50, 170, 40, 35, 35],
  ["SAO", "São Paulo", "Americas", 22.4, 17, 21, 50, 400, 2.3, 0, 2, 170, 400, 400, 15, 2, 110, 3, 20, 120, 4, 60, 15, 370, 35, 120, 56, 60, null],
  ["BOM", "Mumbai", "Asia-Pacific", 20.9, 46, 9, 52, 1000, 5.1, 3, 1, 60, 100, 300, 20, 2, 30, 5, 8, 100, 4, 60, 14, 400, 25, 60, 25, 40, 25],
  ["IST", "Istanbul", "Europe", 15.6, 20, 4.1, 35, 350, 14.7, 2, 7, 111, 150, 600, 5, 4, 90, 1, 15, 140, 6, 290, 76, 250, null, 48, 73, 70, 40],
  ["BKK", "Bangkok", "Asia-Pacific", 10.9, 25, 10, 30, 300, 22.8, 1, 5, 79, null, 96, 1, 2, 60, 1, 16, 170, 20, 130, 55, 210, 45, 200, 124, null, 40],
];

/** Data sheet: one row per city; null = missing value (left empty in the workbook). */
export function ieciDataTable(): Table {
  return [[...DATA_HEADER], ...DATA_ROWS.map((row) => [...row])];
}

/** The sample's editions: 2022 and an illustrative 2024 edition. */
export const IECI_EDITIONS = [2022, 2024] as const;

/**
 * The sample workbook's Data sheet: the 2022 rows, then the illustrative 2024 rows (43 cities), with
 * a Time column last, so that the 2022 block keeps its place (A1:AC38) for the Functions sheet.
 */
export function ieciEditionsTable(): Table {
  return [
    [...DATA_HEADER, "Time"],
    ...DATA_ROWS.map((row) => [...row, 2022]),
    ...IECI_2024_ROWS.map((row) => [...row, 2024]),
  ];
}

/** Published sheet: the IECI 2022 published top 20 (unit code, rank, Time), checked by "Published vs computed". */
export function ieciPublishedTable(): Table {
  const codeOf = (name: string) => DATA_ROWS.find((row) => row[1] === name)![0]!;
  return [["uCode", "Rank", "Time"], ...IECI_PUBLISHED_TOP20.map((name, i) => [codeOf(name), i + 1, 2022])];
}

type FrameworkRow = [code: string, name: string, level: number | null, parent: string | null, direction: 1 | -1 | null, weight: number | null, type: string, unit: string | null];

const FRAMEWORK_ROWS: readonly FrameworkRow[] = [
  ["PM25", "Air quality: annual mean PM2.5", 1, "ATT_ENV", -1, 1, "Indicator", "µg/m³"],
  ["Green", "Urban green space", 1, "ATT_ENV", 1, 1, "Indicator", "% of urban area"],
  ["Startup", "Startup-ecosystem standing", 1, "ATT_BUS", 1, 1, "Indicator", "Score 0-100"],
  ["OfficeRent", "Prime office rent", 1, "ATT_BUS", -1, 1, "Indicator", "USD per m² per year"],
  ["Tourists", "Inbound international tourists", 1, "ATT_TOUR", 1, 1, "Indicator", "Million arrivals"],
  ["Heritage", "World heritage sites within 100 km", 1, "ATT_TOUR", 1, 1, "Indicator", "Count"],
  ["ForeignBorn", "Foreign-born residents", 1, "ATT_OPEN", 1, 1, "Indicator", "% of population"],
  ["VisaFree", "Visa-free destinations of the passport", 1, "ATT_OPEN", 1, 1, "Indicator", "Count"],
  ["HCPapers", "Highly cited papers", 1, "INF_SCI", 1, 1, "Indicator", "Count"],
  ["PCT", "PCT patent applications", 1, "INF_SCI", 1, 1, "Indicator", "Count"],
  ["Unicorns", "Unicorn companies", 1, "INF_SCI", 1, 1, "Indicator", "Count"],
  ["HigherEd", "Higher-education resources (top-500 universities)", 1, "INF_CUL", 1, 1, "Indicator", "Count"],
  ["Museums", "Museums and galleries", 1, "INF_CUL", 1, 1, "Indicator", "Count"],
  ["Fortune500", "Fortune Global 500 headquarters", 1, "INF_ECO", 1, 1, "Indicator", "Count"],
  ["GDPpc", "GDP per capita", 1, "INF_ECO", 1, 1, "Indicator", "Thousand USD"],
  ["ForeignInst", "Foreign institutions (embassies, consulates, agencies)", 1, "INF_GOV", 1, 1, "Indicator", "Count"],
  ["IntlOrgHQ", "International organization headquarters", 1, "INF_GOV", 1, 1, "Indicator", "Count"],
  ["AirRoutes", "International air routes", 1, "CON_TRA", 1, 1, "Indicator", "Destinations"],
  ["AirPax", "International air passengers", 1, "CON_TRA", 1, 1, "Indicator", "Million"],
  ["TransitRail", "Urban rail network", 1, "CON_TRA", 1, 1, "Indicator", "km"],
  ["MobileSpeed", "Mobile network speed", 1, "CON_DIG", 1, 1, "Indicator", "Mbps (median download)"],
  ["Broadband", "Fixed broadband speed", 1, "CON_DIG", 1, 1, "Indicator", "Mbps (median download)"],
  ["Conferences", "International conferences", 1, "CON_EXC", 1, 1, "Indicator", "Meetings per year"],
  ["Fairs", "International trade fairs", 1, "CON_EXC", 1, 1, "Indicator", "Fairs per year"],
  ["Events", "International sports and cultural events", 1, "CON_EXC", 1, 1, "Indicator", "Events per year"],
  ["ATT_ENV", "Living environment", 2, "ATT", 1, 1, "Aggregate", "Score"],
  ["ATT_BUS", "Business environment", 2, "ATT", 1, 1, "Aggregate", "Score"],
  ["ATT_TOUR", "Tourism appeal", 2, "ATT", 1, 1, "Aggregate", "Score"],
  ["ATT_OPEN", "Openness", 2, "ATT", 1, 1, "Aggregate", "Score"],
  ["INF_SCI", "Sci-tech innovation", 2, "INF", 1, 1, "Aggregate", "Score"],
  ["INF_CUL", "Culture and education", 2, "INF", 1, 1, "Aggregate", "Score"],
  ["INF_ECO", "Economic development", 2, "INF", 1, 1, "Aggregate", "Score"],
  ["INF_GOV", "Global governance", 2, "INF", 1, 1, "Aggregate", "Score"],
  ["CON_TRA", "Transport connectivity", 2, "CON", 1, 1, "Aggregate", "Score"],
  ["CON_DIG", "Digital connectivity", 2, "CON", 1, 1, "Aggregate", "Score"],
  ["CON_EXC", "Exchange platforms", 2, "CON", 1, 1, "Aggregate", "Score"],
  ["ATT", "Attractiveness", 3, "IECI", 1, 1, "Aggregate", "Score"],
  ["INF", "Influence", 3, "IECI", 1, 1, "Aggregate", "Score"],
  ["CON", "Connectivity", 3, "IECI", 1, 1, "Aggregate", "Score"],
  ["IECI", "International Exchange Centers Index", 4, null, 1, 1, "Aggregate", "Score"],
  ["Region", "World region", null, null, null, null, "Group", null],
  ["Population", "Metropolitan population", null, null, null, null, "Denominator", "Million"],
];

/** Framework sheet (COINr iMeta layout). */
export function ieciFrameworkTable(): Table {
  return [["iCode", "iName", "Level", "Parent", "Direction", "Weight", "Type", "Unit"], ...FRAMEWORK_ROWS.map((row) => [...row])];
}

/** Settings sheet (key | value): the sample's default pipeline. */
export function ieciSettingsTable(): Table {
  return [
    ["Key", "Value"],
    ["denominate", false],
    ["impute.method", "median"],
    ["screen.minCoverage", 0.75],
    ["treat.method", "winsorize"],
    ["treat.winmax", 5],
    ["treat.skewThreshold", 2],
    ["treat.kurtThreshold", 3.5],
    ["normalize.method", "minmax"],
    ["normalize.low", 0],
    ["normalize.high", 100],
    ["aggregate.method", "arithmetic"],
  ];
}

const CHINESE_NAMES: Record<string, string> = {
  LON: "伦敦", NYC: "纽约", PAR: "巴黎", SIN: "新加坡", SEL: "首尔", HKG: "香港", BJS: "北京", TYO: "东京", SFO: "旧金山",
  CPH: "哥本哈根", MAD: "马德里", AMS: "阿姆斯特丹", LAX: "洛杉矶", MUC: "慕尼黑", BER: "柏林", BCN: "巴塞罗那", SHA: "上海",
  BOS: "波士顿", WAS: "华盛顿", SYD: "悉尼", SZX: "深圳", CAN: "广州", YTO: "多伦多", CHI: "芝加哥", ZRH: "苏黎世",
  FRA: "法兰克福", DXB: "迪拜", STO: "斯德哥尔摩", VIE: "维也纳", MIL: "米兰", MOW: "莫斯科", MEL: "墨尔本", OSA: "大阪",
  SAO: "圣保罗", BOM: "孟买", IST: "伊斯坦布尔", BKK: "曼谷",
  AUH: "阿布扎比", DOH: "多哈", KUL: "吉隆坡", HGH: "杭州", CTU: "成都", JKT: "雅加达",
};

export const IECI_EDITIONS_NOTICE =
  "Editions: Data holds the 2022 edition and a second, ILLUSTRATIVE 2024 edition (43 cities; made-up changes, not the " +
  "official IECI 2024 data) told apart by the Time column; the results show 2024, with rank changes since 2022.";

/** About sheet (withEditions: the line on the sample workbook's two editions): what the sample is, the notice that values are illustrative, and the city names in Chinese. */
export function ieciAboutTable(withEditions = false): Table {
  const rows: (string | number | null)[][] = [
    ["International Exchange Centers Index 2022 (sample)", null, null],
    [IECI_NOTICE, null, null],
    ["Framework: 3 pillars (Attractiveness, Influence, Connectivity), 11 sub-pillars, 25 indicators, 37 cities.", null, null],
    ["Lower is better (Direction -1): PM25 (air quality) and OfficeRent. Missing values are empty cells.", null, null],
    ["Settings: median imputation, winsorization (COINr rule), min-max 0-100, arithmetic means; the result reproduces the published top-20 order.", null, null],
    ...(withEditions ? [[IECI_EDITIONS_NOTICE, null, null]] : []),
    [null, null, null],
    ["uCode", "uName", "uName (中文)"],
  ];
  const cities = withEditions ? [...DATA_ROWS, ...IECI_2024_ROWS.filter((row) => !DATA_ROWS.some((old) => old[0] === row[0]))] : DATA_ROWS;
  for (const row of cities) rows.push([row[0] as string, row[1] as string, CHINESE_NAMES[row[0] as string] ?? null]);
  return rows;
}
