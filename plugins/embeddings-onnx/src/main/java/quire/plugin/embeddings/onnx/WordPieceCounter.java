package quire.plugin.embeddings.onnx;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Counts the tokens of a BERT-style tokenizer (BERT normaliser with lower-casing, BERT
 * pre-tokeniser, WordPiece) in Java, without a call into the native tokenizer for most text:
 * chunk sizing counts every text at least once, and a native call costs more than the counting.
 *
 * <p>Text is cut at ASCII whitespace. A piece of printable ASCII is counted here: each
 * punctuation character is one token and each run of letters and digits is looked up in the
 * vocabulary greedily, longest match first, as WordPiece does (remembered per word). Any other
 * piece (accents, CJK, emoji, control characters, other whitespace) is counted by the native
 * tokenizer, and so is a whole text holding a special token's text (e.g. {@code [CLS]}), which
 * the tokenizer matches before it normalises. Counts add up across whitespace for these
 * tokenizers, so the sum is the tokenizer's count; tests compare the two on both bundled models.
 */
final class WordPieceCounter {
    /** Words remembered with their count; cleared when full (texts in one deployment reuse few words). */
    private static final int MEMO_LIMIT = 200_000;

    private final Set<String> vocabulary;
    private final String continuingPrefix;
    private final int maxCharsPerWord;
    private final List<String> specialTexts;
    private final ToIntFunction<String> nativeCount;
    private final Map<String, Integer> memo = new ConcurrentHashMap<>();

    private WordPieceCounter(Set<String> vocabulary, String continuingPrefix, int maxCharsPerWord,
                             List<String> specialTexts, ToIntFunction<String> nativeCount) {
        this.vocabulary = vocabulary;
        this.continuingPrefix = continuingPrefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.specialTexts = specialTexts;
        this.nativeCount = nativeCount;
    }

    /**
     * Reads a {@code tokenizer.json}.
     *
     * @param nativeCount the native tokenizer's count of a text without special tokens or prefix
     * @return a counter when the tokenizer is BERT-normalised (lower-casing, cleaning text),
     *         BERT-pre-tokenised WordPiece; empty for anything else or a file this cannot read
     */
    static Optional<WordPieceCounter> from(Path tokenizerJson, ToIntFunction<String> nativeCount) {
        try (Reader reader = Files.newBufferedReader(tokenizerJson)) {
            JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
            JsonObject normalizer = object(root, "normalizer");
            JsonObject preTokenizer = object(root, "pre_tokenizer");
            JsonObject model = object(root, "model");
            if (normalizer == null || preTokenizer == null || model == null
                    || !"BertNormalizer".equals(string(normalizer, "type"))
                    || !flag(normalizer, "lowercase") || !flag(normalizer, "clean_text")
                    || !"BertPreTokenizer".equals(string(preTokenizer, "type"))
                    || !"WordPiece".equals(string(model, "type"))) {
                return Optional.empty();
            }
            JsonObject vocab = object(model, "vocab");
            String unknown = string(model, "unk_token");
            String prefix = string(model, "continuing_subword_prefix");
            JsonElement maxChars = model.get("max_input_chars_per_word");
            if (vocab == null || unknown == null || prefix == null || maxChars == null || !maxChars.isJsonPrimitive()) {
                return Optional.empty();
            }
            List<String> specials = new ArrayList<>();
            JsonElement added = root.get("added_tokens");
            if (added != null && added.isJsonArray()) {
                for (JsonElement token : added.getAsJsonArray()) {
                    String content = token.isJsonObject() ? string(token.getAsJsonObject(), "content") : null;
                    if (content != null && !content.isEmpty()) {
                        specials.add(content);
                    }
                }
            }
            return Optional.of(new WordPieceCounter(new HashSet<>(vocab.keySet()), prefix, maxChars.getAsInt(),
                    List.copyOf(specials), nativeCount));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the tokens of the text, without special tokens */
    int count(String text) {
        for (String special : specialTexts) {
            if (text.contains(special)) {
                return nativeCount.applyAsInt(text);
            }
        }
        int total = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isAsciiWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            boolean printable = true;
            while (i < n && !isAsciiWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                printable &= c >= 0x21 && c <= 0x7e;
                i++;
            }
            if (start < i) {
                total += printable ? countPrintable(text, start, i) : nativeCount.applyAsInt(text.substring(start, i));
            }
        }
        return total;
    }

    /** Printable ASCII without spaces: each punctuation character is a token, each run of letters and digits a word. */
    private int countPrintable(String text, int start, int end) {
        int total = 0;
        int i = start;
        while (i < end) {
            if (!isAsciiLetterOrDigit(text.charAt(i))) {
                total++;
                i++;
                continue;
            }
            int wordStart = i;
            while (i < end && isAsciiLetterOrDigit(text.charAt(i))) {
                i++;
            }
            total += countWord(text.substring(wordStart, i));
        }
        return total;
    }

    private int countWord(String word) {
        Integer known = memo.get(word);
        if (known != null) {
            return known;
        }
        int count = wordPiece(word.toLowerCase(java.util.Locale.ROOT));
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(word, count);
        return count;
    }

    /** WordPiece on one lower-cased word: greedy longest match; a word with an unmatched rest is one unknown token. */
    private int wordPiece(String word) {
        if (word.length() > maxCharsPerWord) {
            return 1;
        }
        int pieces = 0;
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            boolean found = false;
            while (start < end) {
                String piece = word.substring(start, end);
                if (vocabulary.contains(start > 0 ? continuingPrefix + piece : piece)) {
                    found = true;
                    break;
                }
                end--;
            }
            if (!found) {
                return 1; // the unknown token stands for the whole word
            }
            pieces++;
            start = end;
        }
        return pieces;
    }

    private static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static JsonObject object(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static String string(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static boolean flag(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsBoolean();
    }
}
