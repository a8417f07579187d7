package quire.plugin.parser.pdf;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import quire.spi.ProviderInfo;
import quire.spi.parser.ParseException;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Parser;
import quire.spi.parser.Section;

/**
 * Extracts one section per page that has text, numbered from 1; {@code pageCount} counts
 * every page. Whatever goes wrong inside PDFBox becomes a {@link ParseException} that names
 * the problem but never quotes document text.
 */
final class PdfParser implements Parser {
    static final String PDF = "application/pdf";
    private static final int MAX_MESSAGE = 200;

    private final int maxPages;
    private final Duration timeout;

    PdfParser(int maxPages, Duration timeout) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("max-pages must be positive, was " + maxPages);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        this.maxPages = maxPages;
        this.timeout = timeout;
    }

    @Override
    public Set<String> contentTypes() {
        return Set.of(PDF);
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(PdfParserFactory.ID, Map.of("max-pages", Integer.toString(maxPages), "timeout", timeout.toString()));
    }

    @Override
    public ParsedDocument parse(ParseRequest request) throws ParseException, IOException {
        long deadline = System.nanoTime() + nanos(timeout);
        // temp-file-only scratch buffers: PDFBox's decoded streams never pile up on the heap
        try (PDDocument document = Loader.loadPDF(request.file().toFile(), "", IOUtils.createTempFileOnlyStreamCache())) {
            int pages = document.getNumberOfPages();
            if (pages > maxPages) {
                throw new ParseException("PDF has " + pages + " pages, more than the limit of " + maxPages + " (parsers.pdf.max-pages)");
            }
            List<Section> sections = new PageTextStripper(deadline, timeout.toString(), maxPages).extract(document);
            return new ParsedDocument(sections, pages, metadata(document.getDocumentInformation()));
        } catch (InvalidPasswordException e) {
            throw new ParseException("PDF is encrypted with a password; upload it without the password", e);
        } catch (PageTextStripper.Stop e) {
            throw new ParseException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new ParseException("corrupt or unreadable PDF: " + describe(e), e);
        } catch (StackOverflowError e) {
            throw new ParseException("corrupt PDF: its object structure is nested too deeply");
        }
    }

    @Override
    public void close() {
    }

    private static Map<String, String> metadata(PDDocumentInformation info) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (info != null) {
            put(metadata, "title", info.getTitle());
            put(metadata, "author", info.getAuthor());
            put(metadata, "subject", info.getSubject());
        }
        return metadata;
    }

    private static void put(Map<String, String> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, value.strip());
        }
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /** Exception class and a bounded message: PDFBox messages name offsets and objects, not content. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").strip();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return message.isEmpty() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
