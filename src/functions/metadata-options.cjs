/*
 * Options of functions.json that custom-functions-metadata (2.2.3, the latest) cannot take from
 * JSDoc tags: it writes only allowCustomDataForDataTypeAny. The build (webpack.config.js) and
 * test/functions/metadata.test.ts apply the same finishing step.
 *   allowErrorForDataTypeAny: an error cell (#N/A, #DIV/0!...) in a range passed to a parameter of
 *   type any reaches the function as an error object instead of Excel returning the error for the
 *   whole formula without calling it
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json, "allowErrorForDataTypeAny").
 */
const METADATA_OPTIONS = { allowErrorForDataTypeAny: true };

/** functions.json text from the generator → the same metadata with the options above. */
function finishFunctionsMetadata(json) {
  return JSON.stringify({ ...METADATA_OPTIONS, ...JSON.parse(json), ...METADATA_OPTIONS }, null, 4);
}

module.exports = { METADATA_OPTIONS, finishFunctionsMetadata };
