/**
 * The OOXML package layer (src/cli/xlsx/ooxml/): XML parts round-trip through the tree with their
 * text, attributes and element order; relationships, content types and copies between packages;
 * the zip reads back with JSZip (an independent reader), deterministic, streamed parts included.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import JSZip from "jszip";
import { OoxmlPackage } from "../../../src/cli/xlsx/ooxml/package";
import { childElements, parseXml, serializeXml, textOf, xmlText } from "../../../src/cli/xlsx/ooxml/xml";

const decode = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

describe("XML parts as trees", () => {
  it("keep text, attributes, order and comments; a carriage return survives as &#13;", () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<a xmlns:r="urn:r"><b r:id="x&amp;&quot;&lt;" n="1">t &amp; &lt;u&gt;&#13;v</b><!--note--><c/><d xml:space="preserve">  two  </d><b n="2"/></a>';
    const doc = parseXml(xml);
    assert.deepEqual(
      childElements(doc.root).map((e) => e.name),
      ["b", "c", "d", "b"],
    );
    const first = childElements(doc.root, "b")[0]!;
    assert.equal(first.attrs["r:id"], 'x&"<');
    assert.equal(textOf(first), "t & <u>\rv");
    const again = serializeXml(doc);
    assert.equal(
      again,
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<a xmlns:r="urn:r"><b r:id="x&amp;&quot;&lt;" n="1">t &amp; &lt;u&gt;&#13;v</b><!--note--><c/><d xml:space="preserve">  two  </d><b n="2"/></a>',
    );
    assert.deepEqual(parseXml(again), doc, "a second round trip changes nothing");
  });

  it("escapes text for hand-written parts, dropping characters XML cannot carry", () => {
    assert.equal(xmlText('a<b>&"c\u0001\td'), "a&lt;b&gt;&amp;&quot;c&#9;d");
  });
});

describe("OoxmlPackage", () => {
  const make = () => {
    const pkg = new OoxmlPackage();
    pkg.setText(
      "[Content_Types].xml",
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    );
    pkg.setText("xl/drawings/drawing1.xml", "<wsDr/>");
    pkg.setText("xl/charts/chart1.xml", "<chartSpace/>");
    pkg.setOverride("xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    pkg.addRelationship("xl/drawings/drawing1.xml", "urn:chart", "xl/charts/chart1.xml");
    return pkg;
  };

  it("adds relationships with fresh ids and relative targets, and resolves them back", () => {
    const pkg = make();
    const id = pkg.addRelationship("xl/drawings/drawing1.xml", "urn:chart", "xl/charts/chart2.xml");
    assert.equal(id, "rId2");
    assert.deepEqual(
      pkg.relationships("xl/drawings/drawing1.xml").map((r) => [r.id, r.target, r.path]),
      [
        ["rId1", "../charts/chart1.xml", "xl/charts/chart1.xml"],
        ["rId2", "../charts/chart2.xml", "xl/charts/chart2.xml"],
      ],
    );
    assert.equal(
      pkg.contentType("xl/charts/chart1.xml"),
      "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    );
    assert.equal(pkg.contentType("xl/drawings/drawing1.xml"), "application/xml", "the Default of its extension");
  });

  it("copies a part with the parts it refers to under free names, rewriting their relationships", () => {
    const from = make();
    const to = make();
    const copied = new Map<string, string>();
    assert.equal(to.copyPartFrom(from, "xl/drawings/drawing1.xml", copied), "xl/drawings/drawing2.xml");
    assert.deepEqual(
      [...copied],
      [
        ["xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"],
        ["xl/charts/chart1.xml", "xl/charts/chart2.xml"],
      ],
    );
    assert.deepEqual(
      to.relationships("xl/drawings/drawing2.xml").map((r) => r.path),
      ["xl/charts/chart2.xml"],
    );
    assert.equal(
      to.contentType("xl/charts/chart2.xml"),
      "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    );
  });

  it("packs a zip JSZip reads, [Content_Types].xml first, streamed parts whole, the same bytes each time", async () => {
    const pkg = make();
    pkg.setStream("xl/worksheets/sheet1.xml", function* () {
      yield "<sheetData>";
      for (let r = 1; r <= 50_000; r++) yield `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
      yield "</sheetData>";
    });
    const bytes = pkg.pack();
    const zip = await JSZip.loadAsync(bytes);
    assert.equal(Object.keys(zip.files)[0], "[Content_Types].xml");
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    assert.ok(
      sheet.startsWith('<sheetData><row r="1">') &&
        sheet.endsWith('<row r="50000"><c r="A50000"><v>50000</v></c></row></sheetData>'),
    );
    assert.equal((sheet.match(/<row /g) ?? []).length, 50_000);
    assert.ok(bytes.length < sheet.length / 5, "deflated");
    assert.match(
      await zip.file("xl/drawings/_rels/drawing1.xml.rels")!.async("string"),
      /Target="\.\.\/charts\/chart1\.xml"/,
    );
    assert.deepEqual(pkg.pack(), bytes);
    assert.equal(decode(OoxmlPackage.load(bytes).data("xl/charts/chart1.xml")), "<chartSpace/>");
  });
});
