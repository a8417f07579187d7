package quire.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import quire.kernel.Kernel;
import quire.kernel.KernelOptions;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Parser;

/**
 * Memory of the PDF parser on large files: writes PDFs of growing page counts (text on every
 * page, and a distinct noise image on every page so the file is large), then parses each with
 * the server's own PDF parser plugin (through the kernel, shipped settings) and prints the file
 * size, the extracted text, the time and the peak heap during the parse. Run it with a small heap
 * ({@code -Dbench.heap=96m}): a parser that held the file or its decoded streams on the heap
 * would fail with OutOfMemoryError on the larger files; page-by-page extraction over a temp-file
 * stream cache keeps the peak at a few megabytes over the extracted text.
 */
public final class PdfMemoryBench {
    private static final int LINES_PER_PAGE = 40;

    private PdfMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> pages = new ArrayList<>(List.of(250, 1000, 4000));
        int imageSide = 160;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pages" -> {
                    pages.clear();
                    for (String p : args[++i].split(",")) {
                        pages.add(Integer.parseInt(p.strip()));
                    }
                }
                case "--image-side" -> imageSide = Integer.parseInt(args[++i]);
                case "--help" -> {
                    System.out.println("PdfMemoryBench [--pages N[,N..]] (default 250,1000,4000) [--image-side PX] (default 160; 0: no images)");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new PdfMemoryBench().run(pages, imageSide, System.out);
    }

    private void run(List<Integer> pageCounts, int imageSide, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("quire-pdf-bench-");
        long maxHeap = Runtime.getRuntime().maxMemory();
        out.printf(Locale.ROOT, "PDF parser memory | java %s | max heap %d MB | image %d px per page%n",
                Runtime.version(), maxHeap >> 20, imageSide);
        List<String> rows = new ArrayList<>();
        try (Kernel kernel = Kernel.start(new KernelOptions(null, null, dir.resolve("data"), Map.of(), Map.of(), List.of()))) {
            Parser parser = kernel.providers(Parser.class).stream()
                    .filter(p -> p.contentTypes().contains("application/pdf")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PDF parser plugin found"));
            out.println("parser: " + parser.info().id() + " " + parser.info().details());
            for (int n : pageCounts) {
                Path pdf = dir.resolve(n + ".pdf");
                long t0 = System.nanoTime();
                write(pdf, n, imageSide);
                out.printf(Locale.ROOT, "[%d pages] written: %.1f MB in %.1f s%n", n, Files.size(pdf) / 1048576.0,
                        (System.nanoTime() - t0) / 1e9);
                System.gc();
                long before = heapUsed();
                resetPeaks();
                long t1 = System.nanoTime();
                ParsedDocument parsed = parser.parse(new ParseRequest(pdf, "application/pdf", pdf.getFileName().toString()));
                double seconds = (System.nanoTime() - t1) / 1e9;
                long peak = heapPeak();
                long textChars = parsed.sections().stream().mapToLong(s -> s.text().length()).sum();
                System.gc();
                long retained = heapUsed() - before; // the parse result, still referenced
                rows.add(String.format(Locale.ROOT, "%6d %8.1f %9.1f %8d %8.1f %11.1f %10.1f %11.1f", n, Files.size(pdf) / 1048576.0,
                        textChars / 1048576.0, parsed.sections().size(), seconds, (peak - before) / 1048576.0, peak / 1048576.0,
                        retained / 1048576.0));
                out.printf(Locale.ROOT, "[%d pages] parsed in %.1f s, %d sections, peak heap %.1f MB%n", n, seconds,
                        parsed.sections().size(), peak / 1048576.0);
                parsed = null;
                Files.delete(pdf);
            }
        } finally {
            TempTrees.delete(dir);
        }
        out.println(" pages  file MB  text MMch sections  parse s  peak-base MB  peak MB  result MB");
        rows.forEach(out::println);
        out.println("peak = highest heap in use during the parse (sum of the heap pools' peaks, an upper bound);"
                + " base = heap in use before it (after a GC); result = heap the parsed document holds (after a GC);"
                + " text MMch = extracted characters, millions");
    }

    /** Writes a PDF of n pages, each with 40 lines of text and (side > 0) its own noise image. */
    private static void write(Path file, int n, int side) throws IOException {
        Random random = new Random(n);
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            for (int p = 0; p < n; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    if (side > 0) {
                        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                        for (int y = 0; y < side; y++) {
                            for (int x = 0; x < side; x++) {
                                image.setRGB(x, y, random.nextInt(0x1000000));
                            }
                        }
                        PDImageXObject xobject = LosslessFactory.createFromImage(doc, image);
                        cs.drawImage(xobject, 400, 650, side, side);
                    }
                    cs.beginText();
                    cs.setFont(font, 10);
                    cs.setLeading(14);
                    cs.newLineAtOffset(50, 780);
                    for (int line = 0; line < LINES_PER_PAGE; line++) {
                        cs.showText("Page " + (p + 1) + " line " + (line + 1) + ": the quick brown fox jumps over the lazy dog "
                                + Integer.toHexString(random.nextInt()));
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(file.toFile());
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
