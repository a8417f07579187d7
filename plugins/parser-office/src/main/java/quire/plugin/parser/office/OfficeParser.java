package quire.plugin.parser.office;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.xml.sax.SAXException;

import quire.spi.ProviderInfo;
import quire.spi.parser.ParseException;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Parser;

/**
 * Reads DOCX, PPTX and XLSX. Each file first passes {@link ZipPreflight}; POI then reads it
 * through {@link ZipSecureFile}, which fails on entries that inflate too far or too much.
 * Everything POI throws for a bad file becomes a {@link ParseException} that names the problem
 * without quoting document text.
 */
final class OfficeParser implements Parser {
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int MAX_MESSAGE = 200;

    private final OfficeLimits limits;

    OfficeParser(OfficeLimits limits) {
        this.limits = limits;
        applyToPoi(limits);
    }

    /**
     * POI keeps its zip guards in static fields. This plugin's layer has its own copy of POI, so
     * the setting reaches only Office parsing; with two parser instances the last one wins.
     */
    private static void applyToPoi(OfficeLimits limits) {
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxEntrySize());
        ZipSecureFile.setMaxFileCount(limits.maxEntries());
        ZipSecureFile.setMaxTextSize(limits.maxCharacters());
    }

    @Override
    public Set<String> contentTypes() {
        return Set.of(DOCX, PPTX, XLSX);
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(OfficeParserFactory.ID, Map.of(
            "max-uncompressed-size", Long.toString(limits.maxUncompressedSize()),
            "max-entry-size", Long.toString(limits.maxEntrySize()),
            "min-inflate-ratio", Double.toString(limits.minInflateRatio()),
            "max-characters", Long.toString(limits.maxCharacters())));
    }

    @Override
    public ParsedDocument parse(ParseRequest request) throws ParseException, IOException {
        String type = baseType(request.contentType());
        if (!contentTypes().contains(type)) {
            throw new ParseException("the office parser does not read " + type);
        }
        ZipPreflight.check(request.file(), limits);
        TextBudget budget = new TextBudget(limits.maxCharacters());
        try (OPCPackage pkg = OPCPackage.open(request.file().toFile(), PackageAccess.READ)) {
            return switch (type) {
                case DOCX -> DocxText.extract(pkg, budget);
                case PPTX -> PptxText.extract(pkg, budget);
                default -> XlsxText.extract(pkg, budget);
            };
        } catch (TextBudget.Exceeded e) {
            throw new ParseException(e.getMessage());
        } catch (EncryptedDocumentException e) {
            throw new ParseException("Office file is encrypted; upload it without the password", e);
        } catch (UnsupportedFileFormatException e) {
            throw new ParseException("not an Office Open XML file (legacy or password-protected Office format?): " + describe(e), e);
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            // POI reports zip bombs as IOException ("Zip bomb detected!") and bad XML as POIXMLException
            throw new ParseException("corrupt or unreadable Office file: " + describe(e), e);
        } catch (StackOverflowError e) {
            throw new ParseException("corrupt Office file: its XML is nested too deeply");
        }
    }

    @Override
    public void close() {
    }

    private static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** Exception class and a bounded message; POI messages name parts and limits, not content. */
    static String describe(Throwable e) {
        Throwable t = e;
        // POI wraps the useful cause (e.g. the zip-bomb IOException) in a POIXMLException
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage().replaceAll("\\s+", " ").strip();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return message.isEmpty() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + message;
    }
}
