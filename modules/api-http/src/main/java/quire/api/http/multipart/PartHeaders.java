package quire.api.http.multipart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the parser needs from one part's header block.
 *
 * @param name        the {@code Content-Disposition} name
 * @param filename    the filename ({@code filename*} preferred), or {@code null} for a plain field
 * @param contentType the declared {@code Content-Type}, or {@code null}
 */
record PartHeaders(String name, String filename, String contentType) {

    static PartHeaders read(BoundaryInput input, int maxHeaderBytes)
            throws IOException, MultipartException {
        Map<String, String> headers = new LinkedHashMap<>();
        String lastName = null;
        int budget = maxHeaderBytes;
        while (true) {
            byte[] raw = input.readLine(budget);
            if (raw == null || (budget -= raw.length + 2) < 0) {
                throw new MultipartLimitException(MultipartLimitException.Limit.HEADER_BYTES, maxHeaderBytes);
            }
            if (raw.length == 0) {
                break;
            }
            String line = decode(raw);
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                // Obsolete line folding (RFC 5322): continue the previous header.
                if (lastName == null) {
                    throw new MalformedMultipartException("Part header block starts with a continuation line");
                }
                headers.merge(lastName, " " + line.trim(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("Malformed part header line (no 'name: value')");
            }
            lastName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (headers.putIfAbsent(lastName, value) != null
                    && (lastName.equals("content-disposition") || lastName.equals("content-type"))) {
                throw new MalformedMultipartException("Duplicate " + lastName + " header in a part");
            }
        }
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw new MalformedMultipartException("Part without a Content-Disposition header");
        }
        HeaderParameters parsed = HeaderParameters.parse(disposition, "Content-Disposition");
        if (!parsed.value().equalsIgnoreCase("form-data")) {
            throw new MalformedMultipartException("Part Content-Disposition must be form-data");
        }
        String name = parsed.parameters().get("name");
        if (name == null) {
            throw new MalformedMultipartException("Part Content-Disposition has no name parameter");
        }
        String extended = parsed.parameters().get("filename*");
        String filename = extended != null
                ? HeaderParameters.decodeExtendedValue(extended, "Content-Disposition")
                : parsed.parameters().get("filename");
        String contentType = headers.get("content-type");
        return new PartHeaders(name, filename, contentType == null || contentType.isEmpty() ? null : contentType);
    }

    /** Clients send UTF-8 (httpx, browsers); anything that is not valid UTF-8 is read as Latin-1. */
    private static String decode(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }
}
