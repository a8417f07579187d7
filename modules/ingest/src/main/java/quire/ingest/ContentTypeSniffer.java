package quire.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tells a file's MIME type from its bytes, never from the client's file name.
 *
 * <p>Only a bounded prefix of the file is read. ZIP containers are recognised by their magic
 * number and then told apart by the names in the central directory (nothing is inflated):
 * {@code word/}, {@code ppt/} and {@code xl/} parts make DOCX, PPTX and XLSX. Text is told
 * from binary by NUL and other control bytes. The file name's extension only breaks ties
 * among text types that bytes cannot tell apart ({@code .md}, {@code .csv}, {@code .tsv}),
 * so a PDF named {@code .txt} is still a PDF and HTML named {@code .pdf} is still HTML.
 *
 * <p>Invalid UTF-8 alone does not make a file binary: legacy 8-bit text (windows-1252,
 * ISO-8859-1) is common and the text parser decodes it; only control bytes do.
 */
public final class ContentTypeSniffer {

    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String ZIP = "application/zip";
    /** OLE2 compound files: legacy .doc/.xls/.ppt and password-encrypted OOXML. */
    public static final String OLE2 = "application/x-ole-storage";
    public static final String GZIP = "application/gzip";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String GIF = "image/gif";
    public static final String HTML = "text/html";
    public static final String XML = "application/xml";
    public static final String JSON = "application/json";
    public static final String MARKDOWN = "text/markdown";
    public static final String CSV = "text/csv";
    public static final String TSV = "text/tab-separated-values";
    public static final String TEXT = "text/plain";
    public static final String BINARY = "application/octet-stream";

    /** Enough to see a doctype after a long comment or BOM, small enough to read per upload. */
    static final int PREFIX_BYTES = 8192;
    /** Bounds the central-directory walk of a hostile zip with millions of entries. */
    private static final int MAX_ZIP_ENTRIES_SCANNED = 10_000;

    private ContentTypeSniffer() {
    }

    /**
     * Sniffs a file.
     *
     * @param file     the bytes
     * @param filename the client's name for it, may be null; only a tie-breaker among text types
     * @return a MIME type without parameters, never null
     * @throws IOException when the file cannot be read
     */
    public static String sniff(Path file, String filename) throws IOException {
        byte[] prefix = readPrefix(file);
        if (startsWith(prefix, 0x50, 0x4B, 0x03, 0x04) || startsWith(prefix, 0x50, 0x4B, 0x05, 0x06)) {
            return zipType(file);
        }
        String binary = binaryType(prefix);
        if (binary != null) {
            return binary;
        }
        return textType(prefix, extension(filename));
    }

    private static byte[] readPrefix(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(PREFIX_BYTES);
        }
    }

    private static String binaryType(byte[] p) {
        if (indexOf(p, "%PDF-".getBytes(StandardCharsets.US_ASCII), 1024) >= 0) {
            // the PDF spec lets a header start anywhere in the first 1024 bytes
            return PDF;
        }
        if (startsWith(p, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(p, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(p, 'G', 'I', 'F', '8', '7', 'a') || startsWith(p, 'G', 'I', 'F', '8', '9', 'a')) {
            return GIF;
        }
        if (startsWith(p, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return OLE2;
        }
        if (startsWith(p, 0x1F, 0x8B)) {
            return GZIP;
        }
        return null;
    }

    /** Reads only the central directory; an unreadable zip is still a zip. */
    private static String zipType(Path file) throws IOException {
        boolean contentTypes = false;
        boolean word = false;
        boolean ppt = false;
        boolean xl = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            for (int i = 0; i < MAX_ZIP_ENTRIES_SCANNED && entries.hasMoreElements(); i++) {
                String name = entries.nextElement().getName();
                contentTypes |= name.equals("[Content_Types].xml");
                word |= name.startsWith("word/");
                ppt |= name.startsWith("ppt/");
                xl |= name.startsWith("xl/");
            }
        } catch (ZipException | IllegalArgumentException e) {
            // truncated or corrupt central directory, or undecodable names
            return ZIP;
        }
        if (!contentTypes) {
            return ZIP;
        }
        if (word) {
            return DOCX;
        }
        if (ppt) {
            return PPTX;
        }
        if (xl) {
            return XLSX;
        }
        return ZIP;
    }

    private static String textType(byte[] p, String ext) {
        Bom bom = Bom.of(p);
        if (bom == null && looksBinary(p)) {
            return BINARY;
        }
        String text = decodePrefix(p, bom);
        String head = skipLeadingNoise(text);
        String lower = head.toLowerCase(Locale.ROOT);
        if (isHtml(lower)) {
            return HTML;
        }
        if (lower.startsWith("<?xml")) {
            // XHTML declares itself XML first
            return isHtml(skipLeadingNoise(afterDeclaration(lower))) ? HTML : XML;
        }
        if ((head.startsWith("{") || head.startsWith("[")) && JsonPrefix.looksLikeJson(head)) {
            return JSON;
        }
        if (head.startsWith("<") && looksLikeXmlElement(head) && ("xml".equals(ext) || lower.startsWith("<!doctype"))) {
            return XML;
        }
        return switch (ext) {
            case "md", "markdown" -> MARKDOWN;
            case "csv" -> CSV;
            case "tsv", "tab" -> TSV;
            case "htm", "html", "xhtml" -> head.startsWith("<") ? HTML : TEXT;
            default -> TEXT;
        };
    }

    private static boolean isHtml(String lower) {
        return lower.startsWith("<!doctype html") || lower.startsWith("<html")
            || lower.startsWith("<head") || lower.startsWith("<body");
    }

    private static String afterDeclaration(String lower) {
        int end = lower.indexOf("?>");
        return end < 0 ? "" : lower.substring(end + 2);
    }

    private static boolean looksLikeXmlElement(String head) {
        return head.length() > 1 && (Character.isLetter(head.charAt(1)) || head.charAt(1) == '!');
    }

    /** Skips whitespace and leading comments, so {@code <!-- x --><html>} is still HTML. */
    static String skipLeadingNoise(String s) {
        int i = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (s.startsWith("<!--", i)) {
                int end = s.indexOf("-->", i + 4);
                if (end < 0) {
                    return "";
                }
                i = end + 3;
            } else {
                return s.substring(i);
            }
        }
    }

    /**
     * NUL bytes mean binary (UTF-16 without a BOM is rare enough to ignore); so does more than
     * a few percent of C0 control bytes other than tab, newlines, form feed and escape.
     */
    static boolean looksBinary(byte[] p) {
        int controls = 0;
        for (byte b : p) {
            int c = b & 0xFF;
            if (c == 0) {
                return true;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) || c == 0x7F) {
                controls++;
            }
        }
        return controls > 0 && controls * 100L > p.length * 2L;
    }

    private static String decodePrefix(byte[] p, Bom bom) {
        if (bom != null) {
            return new String(p, bom.length, p.length - bom.length, bom.charset);
        }
        // markers we look for are ASCII, so any ASCII-compatible decoding is enough here
        return new String(p, StandardCharsets.ISO_8859_1);
    }

    private static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] p, int... magic) {
        if (p.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((p[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] p, byte[] needle, int within) {
        int last = Math.min(p.length, within + needle.length) - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (p[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * A JSON grammar check over a prefix: valid so far is enough, because the prefix may end
     * anywhere. Catches Markdown such as {@code [link](url)} that merely starts with a bracket.
     */
    static final class JsonPrefix {
        private static final int MAX_DEPTH = 256;
        private final String s;
        private int i;

        private JsonPrefix(String s) {
            this.s = s;
        }

        static boolean looksLikeJson(String s) {
            JsonPrefix p = new JsonPrefix(s);
            try {
                p.value(0);
                p.skipWhitespace();
                return p.i >= s.length();
            } catch (EndOfInput e) {
                return true;
            } catch (IllegalStateException e) {
                return false;
            }
        }

        private void value(int depth) {
            if (depth > MAX_DEPTH) {
                // deeper than any prose; and recursing further would risk the stack
                throw new EndOfInput();
            }
            skipWhitespace();
            char c = peek();
            switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else {
                        throw new IllegalStateException();
                    }
                }
            }
        }

        private void object(int depth) {
            i++;
            skipWhitespace();
            if (peek() == '}') {
                i++;
                return;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw new IllegalStateException();
                }
                string();
                skipWhitespace();
                expect(':');
                value(depth + 1);
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    return;
                }
                if (c != ',') {
                    throw new IllegalStateException();
                }
            }
        }

        private void array(int depth) {
            i++;
            skipWhitespace();
            if (peek() == ']') {
                i++;
                return;
            }
            while (true) {
                value(depth + 1);
                skipWhitespace();
                char c = next();
                if (c == ']') {
                    return;
                }
                if (c != ',') {
                    throw new IllegalStateException();
                }
            }
        }

        private void string() {
            i++;
            while (true) {
                char c = next();
                if (c == '"') {
                    return;
                }
                if (c == '\\') {
                    next();
                } else if (c < 0x20) {
                    throw new IllegalStateException();
                }
            }
        }

        private void number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (i == start) {
                throw new IllegalStateException();
            }
        }

        private void literal(String word) {
            for (int k = 0; k < word.length(); k++) {
                if (next() != word.charAt(k)) {
                    throw new IllegalStateException();
                }
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalStateException();
            }
        }

        private void skipWhitespace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw new EndOfInput();
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        /** The prefix ended while everything before it was valid. */
        private static final class EndOfInput extends RuntimeException {
            private static final long serialVersionUID = 1L;

            EndOfInput() {
                super(null, null, false, false);
            }
        }
    }

    /** Byte-order marks; UTF-32 is checked before UTF-16 because their marks overlap. */
    private enum Bom {
        UTF_32BE(4, java.nio.charset.Charset.forName("UTF-32BE"), 0x00, 0x00, 0xFE, 0xFF),
        UTF_32LE(4, java.nio.charset.Charset.forName("UTF-32LE"), 0xFF, 0xFE, 0x00, 0x00),
        UTF_8(3, StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
        UTF_16BE(2, StandardCharsets.UTF_16BE, 0xFE, 0xFF),
        UTF_16LE(2, StandardCharsets.UTF_16LE, 0xFF, 0xFE);

        final int length;
        final java.nio.charset.Charset charset;
        final int[] magic;

        Bom(int length, java.nio.charset.Charset charset, int... magic) {
            this.length = length;
            this.charset = charset;
            this.magic = magic;
        }

        static Bom of(byte[] p) {
            for (Bom bom : values()) {
                if (startsWith(p, bom.magic)) {
                    return bom;
                }
            }
            return null;
        }
    }
}
