package quire.plugin.parser.office;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.sl.usermodel.Placeholder;

import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Section;

/**
 * Presentations: one section per slide with text ({@code pageNumber} = slide number), made of
 * the slide's text boxes and tables in shape order, then its speaker notes.
 */
final class PptxText {
    private PptxText() {
    }

    static ParsedDocument extract(OPCPackage pkg, TextBudget budget) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(pkg)) {
            List<XSLFSlide> slides = show.getSlides();
            List<Section> sections = new ArrayList<>();
            for (XSLFSlide slide : slides) {
                StringBuilder out = new StringBuilder();
                shapes(slide.getShapes(), out, budget);
                notes(slide.getNotes(), out, budget);
                String text = OfficeText.tidy(out);
                if (!text.isEmpty()) {
                    String title = slide.getTitle();
                    Map<String, String> metadata = title == null || title.isBlank() ? Map.of() : Map.of("slide_title", title.strip());
                    sections.add(new Section(text, slide.getSlideNumber(), metadata));
                }
            }
            return new ParsedDocument(sections, slides.size(), OfficeText.coreMetadata(show.getProperties()));
        }
    }

    private static void shapes(List<XSLFShape> shapes, StringBuilder out, TextBudget budget) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFTextShape text) {
                String s = text.getText();
                if (s != null && !s.isBlank()) {
                    budget.append(out, s.strip());
                    budget.append(out, "\n\n");
                }
            } else if (shape instanceof XSLFGroupShape group) {
                shapes(group.getShapes(), out, budget);
            } else if (shape instanceof XSLFTable table) {
                for (XSLFTableRow row : table.getRows()) {
                    boolean first = true;
                    for (XSLFTableCell cell : row.getCells()) {
                        if (!first) {
                            budget.append(out, '\t');
                        }
                        first = false;
                        String s = cell.getText();
                        budget.append(out, s == null ? "" : s.strip().replace('\n', ' ').replace('\t', ' '));
                    }
                    budget.append(out, '\n');
                }
                budget.append(out, '\n');
            }
        }
    }

    /** Only the notes body: the notes page's slide image, number and date placeholders are not notes. */
    private static void notes(XSLFNotes notes, StringBuilder out, TextBudget budget) {
        if (notes == null) {
            return;
        }
        for (XSLFShape shape : notes.getShapes()) {
            if (shape instanceof XSLFTextShape text && text.getTextType() == Placeholder.BODY) {
                for (XSLFTextParagraph p : text.getTextParagraphs()) {
                    String s = p.getText();
                    if (s != null && !s.isBlank()) {
                        budget.append(out, s.strip());
                        budget.append(out, '\n');
                    }
                }
            }
        }
    }
}
