package quire.plugin.parser.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import quire.spi.parser.ParseException;

/**
 * Decodes a file to a string with a character limit. The charset is, in order: the byte-order
 * mark; UTF-8 when every byte is valid UTF-8; the charset an HTML page declares; windows-1252
 * (a superset of ISO-8859-1's printable range, and what browsers assume for legacy text).
 */
final class TextDecoder {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]*charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)");
    private static final int META_SCAN_BYTES = 4096;

    /** The decoded text and the charset it was decoded with. */
    record Decoded(String text, Charset charset) {
    }

    private final long maxCharacters;

    TextDecoder(long maxCharacters) {
        this.maxCharacters = Math.min(maxCharacters, Integer.MAX_VALUE - 16);
    }

    Decoded decode(Path file, boolean html) throws IOException, ParseException {
        // no encoding packs more than 4 bytes into one character: a larger file cannot fit
        long size = Files.size(file);
        if (size > maxCharacters * 4 + 4) {
            throw tooLong();
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(META_SCAN_BYTES);
        }
        Bom bom = Bom.of(head);
        if (bom != null) {
            return new Decoded(read(file, bom.length, lenient(bom.charset)), bom.charset);
        }
        try {
            return new Decoded(read(file, 0, strict(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            Charset fallback = html ? declaredCharset(head) : null;
            if (fallback == null || fallback.equals(StandardCharsets.UTF_8)) {
                fallback = WINDOWS_1252;
            }
            return new Decoded(read(file, 0, lenient(fallback)), fallback);
        }
    }

    private String read(Path file, int skip, CharsetDecoder decoder) throws IOException, ParseException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(skip);
            Reader reader = new InputStreamReader(in, decoder);
            StringBuilder sb = new StringBuilder((int) Math.min(Files.size(file), 1 << 20));
            char[] buffer = new char[16 * 1024];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                if (sb.length() + (long) n > maxCharacters) {
                    throw tooLong();
                }
                sb.append(buffer, 0, n);
            }
            return sb.toString();
        }
    }

    private ParseException tooLong() {
        return new ParseException("document is longer than the limit of " + maxCharacters
            + " characters (parsers.text.max-characters)");
    }

    static Charset declaredCharset(byte[] head) {
        Matcher m = META_CHARSET.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        // browsers treat these labels as windows-1252, and so do we
        if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii") || name.equals("ascii")) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static CharsetDecoder lenient(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    /** Byte-order marks; UTF-32 first because its little-endian mark starts like UTF-16's. */
    private enum Bom {
        UTF_32BE(Charset.forName("UTF-32BE"), 0x00, 0x00, 0xFE, 0xFF),
        UTF_32LE(Charset.forName("UTF-32LE"), 0xFF, 0xFE, 0x00, 0x00),
        UTF_8(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
        UTF_16BE(StandardCharsets.UTF_16BE, 0xFE, 0xFF),
        UTF_16LE(StandardCharsets.UTF_16LE, 0xFF, 0xFE);

        final Charset charset;
        final int[] magic;
        final int length;

        Bom(Charset charset, int... magic) {
            this.charset = charset;
            this.magic = magic;
            this.length = magic.length;
        }

        static Bom of(byte[] p) {
            outer:
            for (Bom bom : values()) {
                if (p.length < bom.length) {
                    continue;
                }
                for (int i = 0; i < bom.length; i++) {
                    if ((p[i] & 0xFF) != bom.magic[i]) {
                        continue outer;
                    }
                }
                return bom;
            }
            return null;
        }
    }
}
