package quire.plugin.llm.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import quire.spi.completion.ChatMessage;

/**
 * Asking for JSON in the prompt, and recovering the JSON from what models actually send: local
 * servers and small models often wrap it in a Markdown code fence, prefix a {@code <think>}
 * block, or add a sentence around the object.
 */
final class StructuredOutput {
    private StructuredOutput() {
    }

    /** @return the instruction that asks for JSON under {@code schema} (JSON text) */
    static String instruction(String schema) {
        return "Answer with a single JSON value only, without prose or code fences, conforming to this JSON schema:\n"
                + schema;
    }

    /**
     * Adds the JSON instruction to the leading system message, or puts a system message first:
     * some chat templates (llama.cpp, Ollama) accept only one system message, at the start.
     */
    static List<ChatMessage> withInstruction(List<ChatMessage> messages, String schema) {
        List<ChatMessage> out = new ArrayList<>(messages.size() + 1);
        String instruction = instruction(schema);
        if (!messages.isEmpty() && messages.getFirst().role().equals("system")) {
            out.add(ChatMessage.system(messages.getFirst().content() + "\n\n" + instruction));
            out.addAll(messages.subList(1, messages.size()));
        } else {
            out.add(ChatMessage.system(instruction));
            out.addAll(messages);
        }
        return out;
    }

    /**
     * @param text   the model's answer
     * @param isJson tells whether a text is exactly one JSON value
     * @return the JSON text inside {@code text}, or null when there is none
     */
    static String extract(String text, Predicate<String> isJson) {
        String t = text.strip();
        if (t.startsWith("<think>")) {
            int end = t.indexOf("</think>");
            t = end < 0 ? t : t.substring(end + "</think>".length()).strip();
        }
        t = unfence(t);
        if (isJson.test(t)) {
            return t;
        }
        // "Here is the JSON: {...}": take the outermost object
        int open = t.indexOf('{');
        int close = t.lastIndexOf('}');
        if (open >= 0 && close > open) {
            String inner = t.substring(open, close + 1);
            if (isJson.test(inner)) {
                return inner;
            }
        }
        return null;
    }

    /** Removes one surrounding {@code ```json ... ```} (or bare {@code ``` ... ```}) fence. */
    static String unfence(String text) {
        if (!text.startsWith("```")) {
            return text;
        }
        int firstLine = text.indexOf('\n');
        if (firstLine < 0) {
            return text;
        }
        String body = text.substring(firstLine + 1).strip();
        if (body.endsWith("```")) {
            body = body.substring(0, body.length() - 3).strip();
        }
        return body;
    }
}
