package quire.plugin.parser.office;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import quire.spi.parser.ParseException;

/**
 * Reads the zip's central directory (nothing is inflated) and refuses archives whose entry
 * count or declared sizes are over the limits. Declared sizes can lie; POI's
 * {@code ZipSecureFile} then catches the lie while inflating, by entry size and inflate ratio.
 */
final class ZipPreflight {
    private ZipPreflight() {
    }

    static void check(Path file, OfficeLimits limits) throws ParseException, IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            int count = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > limits.maxEntries()) {
                    throw new ParseException("Office file has more than " + limits.maxEntries() + " zip entries");
                }
                long size = entry.getSize();
                if (size > limits.maxEntrySize()) {
                    throw new ParseException("Office file has a part that inflates to " + size
                        + " bytes, more than the limit of " + limits.maxEntrySize() + " (possible zip bomb)");
                }
                total += Math.max(0, size);
                if (total > limits.maxUncompressedSize()) {
                    throw new ParseException("Office file inflates to more than " + limits.maxUncompressedSize()
                        + " bytes (parsers.office.max-uncompressed-size; possible zip bomb)");
                }
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new ParseException("corrupt Office file: not a readable zip archive", e);
        }
    }
}
