package quire.plugin.parser.pdf;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;

import quire.spi.parser.Section;

/**
 * One pass over the document that hands each page's text over as soon as the page ends, so no
 * more than one page of text is buffered beyond the sections, and that stops at the deadline or
 * page limit. The deadline is also checked every few hundred content-stream operators, because
 * a single hostile page can take unbounded time.
 */
final class PageTextStripper extends PDFTextStripper {
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");
    private static final Pattern MANY_BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final int OPERATORS_PER_CHECK = 256;

    /** Thrown to abandon the pass; unchecked so PDFBox's lenient IOException handling cannot swallow it. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop(String message) {
            super(message, null, false, false);
        }
    }

    private final StringWriter page = new StringWriter();
    private final List<Section> sections = new ArrayList<>();
    private final long deadlineNanos;
    private final String timeoutText;
    private final int maxPages;
    private int operators;

    PageTextStripper(long deadlineNanos, String timeoutText, int maxPages) {
        this.deadlineNanos = deadlineNanos;
        this.timeoutText = timeoutText;
        this.maxPages = maxPages;
        setLineSeparator("\n");
        setPageEnd("");
        setPageStart("");
    }

    /** Runs the pass. */
    List<Section> extract(org.apache.pdfbox.pdmodel.PDDocument document) throws IOException {
        writeText(document, page);
        return sections;
    }

    @Override
    protected void startPage(PDPage pdPage) throws IOException {
        checkDeadline();
        if (getCurrentPageNo() > maxPages) {
            // the page tree can hold more pages than the trailer's count claims
            throw new Stop("PDF has more than " + maxPages + " pages (parsers.pdf.max-pages)");
        }
        page.getBuffer().setLength(0);
        super.startPage(pdPage);
    }

    @Override
    protected void endPage(PDPage pdPage) throws IOException {
        super.endPage(pdPage);
        output.flush();
        String text = tidy(page.toString());
        page.getBuffer().setLength(0);
        if (!text.isEmpty()) {
            sections.add(Section.page(text, getCurrentPageNo()));
        }
        checkDeadline();
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if (++operators % OPERATORS_PER_CHECK == 0) {
            checkDeadline();
        }
        super.processOperator(operator, operands);
    }

    private void checkDeadline() {
        if (System.nanoTime() - deadlineNanos >= 0) {
            throw new Stop("PDF took longer than the parse timeout of " + timeoutText + " (parsers.pdf.timeout)");
        }
    }

    private static String tidy(String s) {
        String t = TRAILING_SPACE.matcher(s.replace("\u0000", "")).replaceAll("\n");
        return MANY_BLANK_LINES.matcher(t).replaceAll("\n\n").strip();
    }
}
