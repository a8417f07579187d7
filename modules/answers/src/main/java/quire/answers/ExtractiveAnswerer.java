package quire.answers;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import quire.retrieval.ChunkHit;

/**
 * The answer when no language model is configured: the retrieved sentences that share the most
 * words with the question, quoted verbatim in document order of relevance. It does not pretend
 * to be a model: the service labels it {@code extractive}.
 */
final class ExtractiveAnswerer {
    private static final int MAX_SENTENCES = 3;
    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "is",
            "are", "was", "were", "be", "what", "which", "who", "how", "why", "when", "where", "do", "does", "did", "it",
            "this", "that", "with", "by", "as", "at", "from", "i", "you", "we", "can", "my", "your");

    private ExtractiveAnswerer() {
    }

    static String answer(String question, List<ChunkHit> chunks) {
        if (chunks.isEmpty()) {
            return "No relevant passages were found in your documents for this question.";
        }
        Set<String> wanted = words(question);
        record Candidate(String sentence, double score, int order, long shared) {
        }
        List<Candidate> candidates = new ArrayList<>();
        int order = 0;
        for (ChunkHit h : chunks) {
            for (String sentence : sentences(h.chunk().content())) {
                Set<String> have = words(sentence);
                long shared = have.stream().filter(wanted::contains).count();
                // relevance of the sentence's chunk breaks ties between equally worded sentences
                double score = shared + h.score() * 0.5;
                candidates.add(new Candidate(sentence, score, order++, shared));
            }
        }
        // a sentence sharing no word with the question answers nothing, unless nothing shares any
        List<Candidate> relevant = candidates.stream().filter(c -> c.shared() > 0).toList();
        List<Candidate> best = (relevant.isEmpty() ? candidates.subList(0, Math.min(1, candidates.size())) : relevant)
                .stream()
                .sorted(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::order))
                .limit(MAX_SENTENCES)
                .sorted(Comparator.comparingInt(Candidate::order))
                .toList();
        StringBuilder sb = new StringBuilder();
        for (Candidate c : best) {
            sb.append("> ").append(c.sentence().strip().replace("\n", " ")).append("\n>\n");
        }
        return sb.toString().replaceAll("\n>\n$", "\n").strip();
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end).strip();
            if (s.length() > 1) {
                out.add(s);
            }
        }
        return out;
    }

    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !STOP.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
