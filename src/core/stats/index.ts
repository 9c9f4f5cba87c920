export { countAvailable, mean, variance, sd, skew, kurt, skewKurt, minMax } from "./moments";
export { median, quantile, quantileSorted, sortedAvailable } from "./order";
