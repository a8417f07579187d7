package quire.api.http.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of a valid SDK body (fixed seed, bounded count): the parser must return a form
 * or throw one of its two typed exceptions, and must leave no temporary file behind either way.
 */
class MultipartParserFuzzTest {

    private static final int CASES = 2000;

    @TempDir
    Path tempDir;

    @Test
    void mutatedBodiesGiveAFormOrATypedException() throws Exception {
        Random random = new Random(20240607L);
        byte[] payload = new byte[600];
        random.nextBytes(payload);
        TestingMultipartBody builder = new TestingMultipartBody(random)
                .field("metadata", "{\"a\": [1, 2]}")
                .field("use_colpali", "true")
                .field("folder_name", "/x")
                .file("files", "file.bin", "application/octet-stream", payload)
                .file("files", "a \"b\".pdf", "application/pdf", "%PDF\r\n--".getBytes(StandardCharsets.US_ASCII));
        byte[] valid = builder.build();
        byte[] boundary = ("\r\n--" + builder.boundary()).getBytes(StandardCharsets.US_ASCII);
        MultipartLimits limits = MultipartLimits.defaults().withMaxParts(8).withMaxFieldBytes(512)
                .withMaxFileBytes(4096).withMaxTotalBytes(16 * 1024).withMaxHeaderBytes(512);
        int forms = 0;
        int malformed = 0;
        int limited = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] body = valid;
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                body = mutate(body, boundary, random);
            }
            String contentType = random.nextInt(20) == 0 ? mutateHeader(builder.contentType(), random)
                    : builder.contentType();
            try (MultipartForm form = MultipartParser.parse(
                    new ChunkedInputStream(new ByteArrayInputStream(body), 1 + random.nextInt(200), random),
                    contentType, limits, tempDir)) {
                forms++;
                for (UploadedFile file : form.allFiles()) {
                    assertEquals(file.size(), Files.size(file.tempFile()), "case " + i);
                }
            } catch (MalformedMultipartException e) {
                malformed++;
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "case " + i);
            } catch (MultipartLimitException e) {
                limited++;
            } catch (Throwable t) {
                fail("case " + i + " threw " + t, t);
            }
            try (Stream<Path> left = Files.list(tempDir)) {
                assertEquals(0, left.count(), "temp files left after case " + i);
            }
        }
        assertEquals(CASES, forms + malformed + limited);
        // The mutations must reach both outcomes, or the test proves little.
        assertTrue(forms > 100 && malformed > 100, "forms=" + forms + " malformed=" + malformed);
    }

    private static byte[] mutate(byte[] body, byte[] boundary, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        switch (random.nextInt(8)) {
            case 0 -> { // flip a byte
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    copy[at] = (byte) random.nextInt(256);
                }
                return copy;
            }
            case 1 -> { // truncate
                out.write(body, 0, at);
            }
            case 2 -> { // delete a range
                int len = Math.min(body.length - at, 1 + random.nextInt(40));
                out.write(body, 0, at);
                out.write(body, at + len, body.length - at - len);
            }
            case 3 -> { // insert random bytes
                out.write(body, 0, at);
                byte[] junk = new byte[1 + random.nextInt(8)];
                random.nextBytes(junk);
                out.writeBytes(junk);
                out.write(body, at, body.length - at);
            }
            case 4 -> { // insert a delimiter, a partial one, or line noise
                out.write(body, 0, at);
                String[] noise = {"\r\n", "--", "\r\n--", "\"", ";", "\\", "\n", "\r"};
                switch (random.nextInt(3)) {
                    case 0 -> out.writeBytes(boundary);
                    case 1 -> out.write(boundary, 0, random.nextInt(boundary.length));
                    default -> out.writeBytes(noise[random.nextInt(noise.length)].getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, at, body.length - at);
            }
            case 5 -> { // duplicate a range
                int len = Math.min(body.length - at, 1 + random.nextInt(300));
                out.write(body, 0, at + len);
                out.write(body, at, body.length - at);
            }
            case 6 -> { // change a header-ish character in the first few hundred bytes
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    int where = random.nextInt(Math.min(copy.length, 400));
                    byte[] specials = "\"=;:\r\n\\ *'%".getBytes(StandardCharsets.US_ASCII);
                    copy[where] = specials[random.nextInt(specials.length)];
                }
                return copy;
            }
            default -> { // swap two bytes
                byte[] copy = body.clone();
                if (copy.length > 1) {
                    int other = random.nextInt(copy.length);
                    byte t = copy[at];
                    copy[at] = copy[other];
                    copy[other] = t;
                }
                return copy;
            }
        }
        return out.toByteArray();
    }

    private static String mutateHeader(String header, Random random) {
        StringBuilder s = new StringBuilder(header);
        int at = random.nextInt(s.length());
        String chars = "\";= \\abc-";
        if (random.nextBoolean()) {
            s.setCharAt(at, chars.charAt(random.nextInt(chars.length())));
        } else {
            s.deleteCharAt(at);
        }
        return s.toString();
    }
}
