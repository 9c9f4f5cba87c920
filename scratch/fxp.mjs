import { XMLParser, XMLBuilder } from "fast-xml-parser";
const opts = { preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false, parseAttributeValue: false, trimValues: false, processEntities: true, htmlEntities: true, commentPropName: "#comment", cdataPropName: "#cdata", suppressEmptyNode: true, format: false, ignorePiTags: false };
const p = new XMLParser(opts); const b = new XMLBuilder(opts);
const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a xmlns="x" xmlns:r="r"><b r:id="a&amp;&quot;b&lt;" n='q"q'>t&amp;x&#13;y&#x41;&lt;&gt; <c/></b><t xml:space="preserve">  sp  </t><!--c--><e></e><d>_x0041_ &apos;</d></a>`;
const t = p.parse(xml);
console.log(JSON.stringify(t));
console.log(b.build(t));
