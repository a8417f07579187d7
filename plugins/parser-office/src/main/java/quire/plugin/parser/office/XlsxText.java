package quire.plugin.parser.office;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.xmlbeans.XmlException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Section;

/**
 * Spreadsheets, streamed: each sheet's XML is read with SAX, row by row, so a sheet of a million
 * rows never becomes a million objects. One section per sheet with text, the sheet name in its
 * metadata under {@code sheet}; rows become lines of tab-separated formatted cell values
 * (formula results, not formulas), with empty cells kept so columns line up.
 */
final class XlsxText {
    private XlsxText() {
    }

    static ParsedDocument extract(OPCPackage pkg, TextBudget budget)
        throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        XSSFReader reader = new XSSFReader(pkg);
        reader.setUseReadOnlySharedStringsTable(true);
        SharedStrings strings = reader.getSharedStringsTable();
        StylesTable styles = reader.getStylesTable();
        DataFormatter formatter = new DataFormatter();
        List<Section> sections = new ArrayList<>();
        XSSFReader.SheetIterator sheets = reader.getSheetIterator();
        while (sheets.hasNext()) {
            try (InputStream sheet = sheets.next()) {
                String name = sheets.getSheetName();
                Rows rows = new Rows(budget);
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, formatter, false));
                xml.parse(new InputSource(sheet));
                String text = OfficeText.tidy(rows.out);
                if (!text.isEmpty()) {
                    sections.add(new Section(text, null, Map.of("sheet", name == null ? "" : name)));
                }
            }
        }
        return new ParsedDocument(sections, null, metadata(pkg));
    }

    /** Broken document properties lose the title, not the spreadsheet. */
    private static Map<String, String> metadata(OPCPackage pkg) {
        try {
            return OfficeText.coreMetadata(new POIXMLProperties(pkg));
        } catch (IOException | XmlException | OpenXML4JException | RuntimeException e) {
            return Map.of();
        }
    }

    /** Collects one sheet's rows as tab-separated lines. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        final StringBuilder out = new StringBuilder();
        private final TextBudget budget;
        private final StringBuilder row = new StringBuilder();
        private int nextColumn;
        private boolean rowHasText;

        Rows(TextBudget budget) {
            this.budget = budget;
        }

        @Override
        public void startRow(int rowNum) {
            row.setLength(0);
            nextColumn = 0;
            rowHasText = false;
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int column = ref == null ? nextColumn : new CellReference(ref).getCol();
            String v = value == null ? "" : value.replace('\t', ' ').replace("\r\n", " ").replace('\n', ' ').strip();
            if (v.isEmpty()) {
                return;
            }
            // empty cells become empty fields so later values stay under their header
            for (int c = nextColumn; c < column; c++) {
                budget.append(row, '\t');
            }
            if (nextColumn > 0 && column >= nextColumn) {
                budget.append(row, '\t');
            }
            budget.append(row, v);
            nextColumn = Math.max(column, nextColumn) + 1;
            rowHasText = true;
        }

        @Override
        public void endRow(int rowNum) {
            if (rowHasText) {
                out.append(row).append('\n');
            }
        }
    }
}
