package quire.api.http.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartParserTest {

    @TempDir
    Path tempDir;

    private MultipartForm parse(byte[] body, String contentType) throws IOException, MultipartException {
        return parse(body, contentType, MultipartLimits.defaults());
    }

    private MultipartForm parse(byte[] body, String contentType, MultipartLimits limits)
            throws IOException, MultipartException {
        return MultipartParser.parse(new ByteArrayInputStream(body), contentType, limits, tempDir);
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(tempDir)) {
            return files.toList();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesAnSdkIngestFileBody() throws Exception {
        byte[] pdf = utf8("%PDF-1.7\r\n binary \u0000\u00ff body");
        TestingMultipartBody body = new TestingMultipartBody()
                .field("metadata", "{\"department\": \"R&D\", \"tags\": [\"a\", \"b\"]}")
                .field("metadata_types", "{}")
                .field("use_colpali", "true")
                .field("folder_name", "/Company/Reports")
                .file("file", "report.pdf", "application/pdf", pdf);

        try (MultipartForm form = parse(body.build(), body.contentType())) {
            assertEquals(Optional.of("{\"department\": \"R&D\", \"tags\": [\"a\", \"b\"]}"), form.field("metadata"));
            assertEquals(Optional.of("{}"), form.field("metadata_types"));
            assertTrue(form.booleanField("use_colpali"));
            assertFalse(form.booleanField("end_user_id"));
            assertEquals(Optional.of("/Company/Reports"), form.field("folder_name"));
            assertEquals(Optional.empty(), form.field("end_user_id"));
            assertEquals(4, form.allFields().size());
            UploadedFile file = form.file("file").orElseThrow();
            assertEquals("file", file.fieldName());
            assertEquals("report.pdf", file.filename());
            assertEquals("application/pdf", file.contentType());
            assertEquals(pdf.length, file.size());
            assertArrayEquals(pdf, Files.readAllBytes(file.tempFile()));
            assertEquals(tempDir, file.tempFile().getParent());
            assertTrue(form.files("files").isEmpty());
        }
        assertTrue(tempFiles().isEmpty(), "close() deletes the temporary files");
    }

    @Test
    void keepsRepeatedFilesPartsAndRepeatedFieldsInOrder() throws Exception {
        TestingMultipartBody body = new TestingMultipartBody()
                .field("metadata", "[{\"i\": 1}, {\"i\": 2}, {\"i\": 3}]")
                .field("metadata_types", "{}")
                .field("parallel", "true")
                .field("use_colpali", "false")
                .field("folder_name", "a")
                .field("folder_name", "b")
                .file("files", "file.bin", "application/octet-stream", utf8("one"))
                .file("files", "file.bin", "application/octet-stream", utf8("two"))
                .file("files", "notes.txt", "text/plain", utf8("three"));

        try (MultipartForm form = parse(body.build(), body.contentType())) {
            List<UploadedFile> files = form.files("files");
            assertEquals(List.of("file.bin", "file.bin", "notes.txt"),
                    files.stream().map(UploadedFile::filename).toList());
            assertEquals("one", Files.readString(files.get(0).tempFile()));
            assertEquals("two", Files.readString(files.get(1).tempFile()));
            assertEquals("three", Files.readString(files.get(2).tempFile()));
            assertEquals(3, tempFiles().size());
            assertEquals(List.of("a", "b"), form.fields("folder_name"));
            assertEquals(Optional.of("b"), form.field("folder_name"), "last value wins, as in Starlette");
            assertEquals(files.getLast(), form.file("files").orElseThrow());
            assertFalse(form.booleanField("use_colpali"));
            assertTrue(form.hasField("parallel"));
        }
        assertTrue(tempFiles().isEmpty());
    }

    @Test
    void emptyFileIsAFileOfSizeZero() throws Exception {
        TestingMultipartBody body = new TestingMultipartBody().file("file", "empty.txt", "text/plain", new byte[0]);
        try (MultipartForm form = parse(body.build(), body.contentType())) {
            UploadedFile file = form.file("file").orElseThrow();
            assertEquals(0, file.size());
            assertEquals(0, Files.size(file.tempFile()));
        }
    }

    @Test
    void emptyFilenameParameterStillMakesAFilePart() throws Exception {
        String boundary = "b0undary";
        byte[] body = utf8("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n"
                + "x\r\n--b0undary--\r\n");
        try (MultipartForm form = parse(body, "multipart/form-data; boundary=" + boundary)) {
            assertEquals("", form.file("file").orElseThrow().filename());
            assertNull(form.file("file").orElseThrow().contentType());
            assertFalse(form.hasField("file"));
        }
    }

    @Test
    void httpxOmitsAnEmptyFilenameSoThePartIsAField() throws Exception {
        TestingMultipartBody body = new TestingMultipartBody().file("file", "", "application/octet-stream", utf8("x"));
        try (MultipartForm form = parse(body.build(), body.contentType())) {
            assertTrue(form.files("file").isEmpty());
            assertEquals(Optional.of("x"), form.field("file"));
        }
    }

    @Test
    void unicodeAndVeryLongFilenamesArriveIntact() throws Exception {
        String unicode = "résumé 履歴書 📄 \u202Egnp.exe";
        String longName = "é📄a".repeat(500) + ".txt"; // 2,004 characters, 3,500+ bytes of UTF-8
        TestingMultipartBody body = new TestingMultipartBody()
                .file("files", unicode, "application/pdf", utf8("u"))
                .file("files", longName, "text/plain", utf8("l"));
        try (MultipartForm form = parse(body.build(), body.contentType())) {
            assertEquals(unicode, form.files("files").get(0).filename());
            assertEquals(longName, form.files("files").get(1).filename());
        }
    }

    @Test
    void hostileFilenamesAreKeptRaw() throws Exception {
        TestingMultipartBody body = new TestingMultipartBody()
                .file("files", "../../etc/passwd", null, utf8("1"))
                .file("files", "C:\\Users\\me\\a \"b\".txt", null, utf8("2"))
                .file("files", "line\r\nbreak;name=\"x\".txt", null, utf8("3"));
        try (MultipartForm form = parse(body.build(), body.contentType())) {
            List<String> names = form.files("files").stream().map(UploadedFile::filename).toList();
            // httpx writes " as %22 and \ as \\; the backslash escape is undone, %22 is kept (as Starlette does).
            assertEquals(List.of("../../etc/passwd", "C:\\Users\\me\\a %22b%22.txt", "line%0D%0Abreak;name=%22x%22.txt"),
                    names);
            form.allFiles().forEach(f -> assertEquals(tempDir, f.tempFile().getParent()));
        }
    }

    @Test
    void backslashEscapedQuotesAndBareBackslashesInQuotedNames() throws Exception {
        byte[] body = utf8("--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"my \\\"field\\\"\"; filename=\"C:\\dir\\a \\\"q\\\".txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "v\r\n--XyZ--\r\n");
        try (MultipartForm form = parse(body, "multipart/form-data; boundary=XyZ")) {
            UploadedFile file = form.file("my \"field\"").orElseThrow();
            assertEquals("C:\\dir\\a \"q\".txt", file.filename());
        }
    }

    @Test
    void rfc5987FilenameWinsOverThePlainOne() throws Exception {
        byte[] body = utf8("--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"fallback.txt\"; "
                + "filename*=UTF-8''%E2%82%AC%20rates%2F2024.pdf\r\n\r\n"
                + "v\r\n--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename*=iso-8859-1'de'caf%E9.txt\r\n\r\n"
                + "w\r\n--XyZ--\r\n");
        try (MultipartForm form = parse(body, "multipart/form-data; boundary=XyZ")) {
            assertEquals(List.of("€ rates/2024.pdf", "café.txt"),
                    form.files("file").stream().map(UploadedFile::filename).toList());
        }
    }

    @Test
    void badRfc5987ValuesAreMalformed() {
        for (String ext : List.of("UTF-8''%E2%82", "UTF-8''%zz", "UTF-8%E2", "KOI8-R''abc", "UTF-8''%C3%28")) {
            byte[] body = utf8("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename*=" + ext
                    + "\r\n\r\nv\r\n--XyZ--\r\n");
            assertThrows(MalformedMultipartException.class, () -> parse(body, "multipart/form-data; boundary=XyZ"),
                    ext);
        }
    }

    @Test
    void binaryContentWithCrlfAndBoundaryLikeSequencesIsExact() throws Exception {
        TestingMultipartBody body = new TestingMultipartBody();
        String boundary = body.boundary();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(utf8("\r\n--" + boundary.substring(0, 31) + "\r\n"));
        content.writeBytes(utf8("x--" + boundary + "\r\n")); // a dash-boundary not at a line start
        content.writeBytes(utf8("\r\n-\r\n--\r\n--" + boundary.substring(0, 1)));
        for (int b = 0; b < 256; b++) {
            content.write(b);
        }
        content.writeBytes(utf8("\r\n\r\n--")); // ends with what a delimiter begins with
        byte[] tricky = content.toByteArray();
        body.field("metadata", "{}")
                .file("file", "tricky.bin", "application/octet-stream", tricky)
                .file("file", "crlf.bin", "application/octet-stream", utf8("\r\n"))
                .field("value_with_crlf", "a\r\nb\r\n");
        try (MultipartForm form = parse(body.build(), body.contentType())) {
            assertArrayEquals(tricky, Files.readAllBytes(form.files("file").get(0).tempFile()));
            assertArrayEquals(utf8("\r\n"), Files.readAllBytes(form.files("file").get(1).tempFile()));
            assertEquals(Optional.of("a\r\nb\r\n"), form.field("value_with_crlf"));
        }
    }

    @Test
    void givesTheSameResultWhateverTheReadChunking() throws Exception {
        Random random = new Random(11);
        byte[] big = new byte[300_000];
        random.nextBytes(big);
        byte[] small = new byte[77];
        random.nextBytes(small);
        TestingMultipartBody builder = new TestingMultipartBody(random)
                .field("metadata", "{\"k\": \"v\"}")
                .file("files", "big.bin", null, big)
                .file("files", "small.bin", null, small)
                .field("use_colpali", "on");
        byte[] body = builder.build();
        for (int maxChunk : new int[] {1, 2, 3, 7, 74, 75, 1000, 65_536, 1 << 20}) {
            InputStream in = new ChunkedInputStream(new ByteArrayInputStream(body), maxChunk, new Random(maxChunk));
            try (MultipartForm form = MultipartParser.parse(in, builder.contentType(), MultipartLimits.defaults(),
                    tempDir)) {
                assertArrayEquals(big, Files.readAllBytes(form.files("files").get(0).tempFile()), "chunk " + maxChunk);
                assertArrayEquals(small, Files.readAllBytes(form.files("files").get(1).tempFile()));
                assertEquals(Optional.of("{\"k\": \"v\"}"), form.field("metadata"));
                assertTrue(form.booleanField("use_colpali"));
            }
        }
    }

    @Test
    void skipsPreambleEpilogueAndTransportPadding() throws Exception {
        byte[] body = utf8("This is the preamble.\r\n--XyZ \t \r\n"
                + "content-disposition: form-data; name=a\r\n\r\n"
                + "1\r\n--XyZ\r\n"
                + "CONTENT-DISPOSITION: FORM-DATA; NAME=\"b\"\n" // bare LF in headers is tolerated
                + "X-Extra: folded\r\n  continuation\r\n\r\n"
                + "2\r\n--XyZ--  \r\nThis is the epilogue.\r\n--XyZ\r\nnot a part\r\n");
        try (MultipartForm form = parse(body, "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"XyZ\"")) {
            assertEquals(List.of(new FormField("a", "1"), new FormField("b", "2")), form.allFields());
        }
    }

    @Test
    void bodyOpeningWithoutPreambleAndEmptyForm() throws Exception {
        try (MultipartForm form = parse(utf8("--XyZ--\r\n"), "multipart/form-data; boundary=XyZ")) {
            assertTrue(form.allFields().isEmpty());
            assertTrue(form.allFiles().isEmpty());
        }
    }

    @Test
    void quotedBoundaryWithSpecialCharacters() throws Exception {
        String boundary = "a'()+_,-./:=? z";
        byte[] body = utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--"
                + boundary + "--\r\n");
        try (MultipartForm form = parse(body, "multipart/form-data; boundary=\"" + boundary + "\"")) {
            assertEquals(Optional.of("y"), form.field("x"));
        }
    }

    @Test
    void rejectsMissingOrBadContentType() {
        byte[] body = utf8("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--XyZ--\r\n");
        for (String contentType : new String[] {null, "", "  ", "multipart/form-data", "multipart/form-data; boundary=",
                "multipart/form-data; boundary=\"\"", "multipart/mixed; boundary=XyZ", "application/json",
                "multipart/form-data; boundary=\"XyZ", "multipart/form-data; boundary=XyZ; boundary=XyZ",
                "multipart/form-data; boundary=" + "b".repeat(71), "multipart/form-data; boundary=ab\u00e9",
                "multipart/form-data; boundary=\"ab<cd\"", "multipart/form-data; boundary=\"ab \""}) {
            MalformedMultipartException e = assertThrows(MalformedMultipartException.class,
                    () -> parse(body, contentType), String.valueOf(contentType));
            assertEquals(400, e.httpStatus());
        }
    }

    @Test
    void acceptsTheLongestLegalBoundary() throws Exception {
        String boundary = "b".repeat(70);
        byte[] body = utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--"
                + boundary + "--\r\n");
        try (MultipartForm form = parse(body, "multipart/form-data; boundary=" + boundary)) {
            assertEquals(Optional.of("y"), form.field("x"));
        }
    }

    @Test
    void bodyWithoutTheBoundaryIsMalformed() {
        assertThrows(MalformedMultipartException.class,
                () -> parse(utf8("{\"content\": \"json, not multipart\"}"), "multipart/form-data; boundary=XyZ"));
        assertThrows(MalformedMultipartException.class, () -> parse(new byte[0], "multipart/form-data; boundary=XyZ"));
    }

    @Test
    void everyTruncationIsMalformedAndLeavesNoTempFile() throws Exception {
        TestingMultipartBody builder = new TestingMultipartBody()
                .field("metadata", "{}")
                .file("files", "a.bin", "application/octet-stream", utf8("first\r\nfile"))
                .file("files", "b.bin", "application/octet-stream", utf8("second"));
        byte[] body = builder.build();
        int closeEnd = body.length - 2; // "--boundary--" complete; the final CRLF is epilogue
        for (int length = 0; length < closeEnd; length++) {
            byte[] prefix = java.util.Arrays.copyOf(body, length);
            int cut = length;
            MalformedMultipartException e = assertThrows(MalformedMultipartException.class,
                    () -> parse(prefix, builder.contentType()), () -> "cut at " + cut);
            assertFalse(e.getMessage().isBlank());
            assertTrue(tempFiles().isEmpty(), "no temp file left after cut at " + length);
        }
        for (int length = closeEnd; length <= body.length; length++) {
            try (MultipartForm form = parse(java.util.Arrays.copyOf(body, length), builder.contentType())) {
                assertEquals(2, form.files("files").size());
            }
        }
    }

    @Test
    void boundaryFollowedByJunkIsMalformed() {
        byte[] body = utf8("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--XyZjunk\r\n--XyZ--\r\n");
        assertThrows(MalformedMultipartException.class, () -> parse(body, "multipart/form-data; boundary=XyZ"));
    }

    @Test
    void badPartHeadersAreMalformed() {
        List<String> headerBlocks = List.of(
                "",
                "Content-Type: text/plain",
                "Content-Disposition: attachment; name=\"x\"",
                "Content-Disposition: form-data; filename=\"x\"",
                "Content-Disposition: form-data; name=\"x\"; name=\"y\"",
                "Content-Disposition: form-data; name=\"x",
                "Content-Disposition: form-data; name=\"x\"junk",
                "Content-Disposition: form-data; name=\"x\"\r\nContent-Disposition: form-data; name=\"y\"",
                "Content-Disposition: form-data; =x; name=\"y\"",
                "no colon here",
                "  continuation first");
        for (String headers : headerBlocks) {
            byte[] body = utf8("--XyZ\r\n" + headers + "\r\n\r\nvalue\r\n--XyZ--\r\n");
            assertThrows(MalformedMultipartException.class, () -> parse(body, "multipart/form-data; boundary=XyZ"),
                    headers);
        }
    }

    @Test
    void fileOverItsLimitFailsAndRemovesEveryTempFile() throws Exception {
        TestingMultipartBody builder = new TestingMultipartBody()
                .file("files", "ok.bin", null, new byte[1000])
                .file("files", "too-big.bin", null, new byte[1001])
                .file("files", "never.bin", null, new byte[1]);
        MultipartLimitException e = assertThrows(MultipartLimitException.class,
                () -> parse(builder.build(), builder.contentType(), MultipartLimits.defaults().withMaxFileBytes(1000)));
        assertEquals(MultipartLimitException.Limit.FILE_BYTES, e.limit());
        assertEquals(1000, e.maximum());
        assertEquals(413, e.httpStatus());
        assertTrue(tempFiles().isEmpty());
    }

    @Test
    void fileExactlyAtItsLimitPasses() throws Exception {
        TestingMultipartBody builder = new TestingMultipartBody().file("file", "ok.bin", null, new byte[1000]);
        try (MultipartForm form = parse(builder.build(), builder.contentType(),
                MultipartLimits.defaults().withMaxFileBytes(1000))) {
            assertEquals(1000, form.file("file").orElseThrow().size());
        }
    }

    @Test
    void eachLimitIsEnforcedAndNamed() {
        TestingMultipartBody fields = new TestingMultipartBody()
                .field("a", "x".repeat(600))
                .field("b", "y".repeat(600))
                .file("file", "f.bin", null, new byte[10]);
        byte[] body = fields.build();
        String contentType = fields.contentType();
        MultipartLimits defaults = MultipartLimits.defaults();
        assertLimit(MultipartLimitException.Limit.FIELD_BYTES, body, contentType, defaults.withMaxFieldBytes(599));
        assertLimit(MultipartLimitException.Limit.TOTAL_FIELD_BYTES, body, contentType,
                defaults.withMaxTotalFieldBytes(1199));
        assertLimit(MultipartLimitException.Limit.TOTAL_BYTES, body, contentType,
                defaults.withMaxTotalBytes(body.length - 1));
        assertLimit(MultipartLimitException.Limit.PARTS, body, contentType, defaults.withMaxParts(2));
        assertLimit(MultipartLimitException.Limit.HEADER_BYTES, body, contentType, defaults.withMaxHeaderBytes(40));
    }

    @Test
    void limitsExactlyMetPass() throws Exception {
        TestingMultipartBody fields = new TestingMultipartBody()
                .field("a", "x".repeat(600))
                .field("b", "y".repeat(600))
                .file("file", "f.bin", null, new byte[10]);
        byte[] body = fields.build();
        MultipartLimits exact = MultipartLimits.defaults().withMaxFieldBytes(600).withMaxTotalFieldBytes(1200)
                .withMaxTotalBytes(body.length).withMaxParts(3);
        try (MultipartForm form = parse(body, fields.contentType(), exact)) {
            assertEquals(2, form.allFields().size());
        }
    }

    @Test
    void tooManyPartsFailsEvenWhenTinyAndRemovesTempFiles() throws Exception {
        TestingMultipartBody builder = new TestingMultipartBody();
        for (int i = 0; i < 11; i++) {
            builder.file("files", "f" + i, null, utf8("" + i));
        }
        MultipartLimitException e = assertThrows(MultipartLimitException.class,
                () -> parse(builder.build(), builder.contentType(), MultipartLimits.defaults().withMaxParts(10)));
        assertEquals(MultipartLimitException.Limit.PARTS, e.limit());
        assertTrue(tempFiles().isEmpty());
    }

    @Test
    void endlessHeaderLineHitsTheHeaderLimitNotTheHeap() {
        byte[] body = utf8("--XyZ\r\nContent-Disposition: form-data; name=\"" + "n".repeat(200_000) + "\"\r\n\r\nv\r\n--XyZ--\r\n");
        assertLimit(MultipartLimitException.Limit.HEADER_BYTES, body, "multipart/form-data; boundary=XyZ",
                MultipartLimits.defaults());
    }

    @Test
    void tempFilesAreOwnerOnly() throws Exception {
        TestingMultipartBody builder = new TestingMultipartBody().file("file", "x.bin", null, utf8("secret"));
        try (MultipartForm form = parse(builder.build(), builder.contentType())) {
            Path file = form.file("file").orElseThrow().tempFile();
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                        Files.getPosixFilePermissions(file));
            }
        }
    }

    @Test
    void closeIsIdempotentAndToleratesMovedFiles() throws Exception {
        TestingMultipartBody builder = new TestingMultipartBody()
                .file("files", "keep.bin", null, utf8("keep"))
                .file("files", "drop.bin", null, utf8("drop"));
        MultipartForm form = parse(builder.build(), builder.contentType());
        Path kept = Files.createTempDirectory("kept").resolve("keep.bin");
        Files.move(form.files("files").get(0).tempFile(), kept);
        form.close();
        form.close();
        assertTrue(tempFiles().isEmpty());
        assertEquals("keep", Files.readString(kept));
        Files.delete(kept);
        Files.delete(kept.getParent());
    }

    @Test
    void invalidUtf8InFieldValueIsReplacedNotRejected() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n"));
        body.write(0xC3);
        body.write(0x28);
        body.writeBytes(utf8("\r\n--XyZ--\r\n"));
        try (MultipartForm form = parse(body.toByteArray(), "multipart/form-data; boundary=XyZ")) {
            assertEquals(Optional.of("\uFFFD("), form.field("x"));
        }
    }

    @Test
    void latin1HeaderBytesAreReadAsLatin1() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"caf"));
        body.write(0xE9);
        body.writeBytes(utf8(".txt\"\r\n\r\nv\r\n--XyZ--\r\n"));
        try (MultipartForm form = parse(body.toByteArray(), "multipart/form-data; boundary=XyZ")) {
            assertEquals("café.txt", form.file("file").orElseThrow().filename());
        }
    }

    private void assertLimit(MultipartLimitException.Limit expected, byte[] body, String contentType,
            MultipartLimits limits) {
        MultipartLimitException e = assertThrows(MultipartLimitException.class,
                () -> parse(body, contentType, limits), expected.name());
        assertEquals(expected, e.limit());
        assertTrue(e.getMessage().startsWith("Multipart body too large"), e.getMessage());
        try {
            assertTrue(tempFiles().isEmpty());
        } catch (IOException io) {
            throw new AssertionError(io);
        }
    }
}
