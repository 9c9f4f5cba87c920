export { countAvailable, mean, variance, sd, skew, kurt, minMax } from "./moments";
export { median, quantile, quantileSorted, sortedAvailable } from "./order";
