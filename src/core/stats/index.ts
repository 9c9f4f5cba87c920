/** Statistics: one small pure function per concept, NaN meaning missing. */
export { countAvailable, mean, variance, sd, skew, kurt, skewKurt, minMax } from "./moments";
export { median, quantile, quantileSorted, sortedAvailable } from "./order";
export { argsortAvailable } from "./argsort";
export {
  pearson,
  spearman,
  averageRanks,
  covariance,
  cronbachAlpha,
  pairwiseCorrelations,
  type CorrelationMethod,
} from "./correlation";
export { Random, mixSeed } from "./random";
