package quire.spi.parser;

import java.io.IOException;

import quire.spi.Provider;

/**
 * Turns a file's bytes into text sections. A parser must bound its own resources (pages,
 * decompressed size, nesting) and throw {@link ParseException} for corrupt or hostile input;
 * it must never take the process down.
 */
public interface Parser extends Provider {

    /** @return MIME types this parser reads, e.g. {@code application/pdf}; {@code text/*} allowed */
    java.util.Set<String> contentTypes();

    /**
     * Parses one document.
     *
     * @param request the bytes and what is known about them
     * @return the extracted sections in document order
     * @throws ParseException when the input is corrupt, unsupported or over a limit
     * @throws IOException    on I/O failure reading the source
     */
    ParsedDocument parse(ParseRequest request) throws ParseException, IOException;
}
