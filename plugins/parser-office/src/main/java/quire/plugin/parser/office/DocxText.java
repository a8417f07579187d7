package quire.plugin.parser.office;

import java.io.IOException;
import java.util.List;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Section;

/**
 * Word documents: the body in order, paragraphs on their own lines with a blank line around
 * headings, list items prefixed with {@code - }, table rows as tab-separated lines. Headers,
 * footers and comments are left out: they repeat on every page and rarely answer questions.
 */
final class DocxText {
    private DocxText() {
    }

    static ParsedDocument extract(OPCPackage pkg, TextBudget budget) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(pkg)) {
            StringBuilder out = new StringBuilder();
            body(doc.getBodyElements(), out, budget);
            String text = OfficeText.tidy(out);
            return new ParsedDocument(text.isEmpty() ? List.of() : List.of(Section.of(text)), null,
                OfficeText.coreMetadata(doc.getProperties()));
        }
    }

    private static void body(List<IBodyElement> elements, StringBuilder out, TextBudget budget) {
        for (IBodyElement element : elements) {
            if (element instanceof XWPFParagraph p) {
                paragraph(p, out, budget);
            } else if (element instanceof XWPFTable t) {
                table(t, out, budget);
            } else if (element instanceof XWPFSDT sdt) {
                budget.append(out, sdt.getContent().getText());
                budget.append(out, '\n');
            }
        }
    }

    private static void paragraph(XWPFParagraph p, StringBuilder out, TextBudget budget) {
        String text = p.getText();
        if (text == null || text.isBlank()) {
            return;
        }
        boolean heading = isHeading(p.getStyle());
        if (heading) {
            budget.append(out, '\n');
        } else if (p.getNumID() != null) {
            budget.append(out, "- ");
        }
        budget.append(out, text.strip());
        budget.append(out, '\n');
        if (heading) {
            budget.append(out, '\n');
        }
    }

    /** Built-in heading styles have ids {@code Title}, {@code Heading1} ... {@code Heading9}. */
    static boolean isHeading(String styleId) {
        return styleId != null && (styleId.equals("Title") || styleId.startsWith("Heading"));
    }

    private static void table(XWPFTable table, StringBuilder out, TextBudget budget) {
        budget.append(out, '\n');
        for (XWPFTableRow row : table.getRows()) {
            boolean first = true;
            for (XWPFTableCell cell : row.getTableCells()) {
                if (!first) {
                    budget.append(out, '\t');
                }
                first = false;
                budget.append(out, cell.getText().strip().replace('\n', ' ').replace('\t', ' '));
            }
            budget.append(out, '\n');
        }
        budget.append(out, '\n');
    }
}
