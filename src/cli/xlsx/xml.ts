/** Text escaping for the parts written as text (chart XML): see ooxml/xml.ts. */
export { escapeXstring, xmlText, xstringText } from "./ooxml/xml";
