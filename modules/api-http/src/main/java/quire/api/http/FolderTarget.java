package quire.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of the part of a request path below {@code /folders/}. Morphik declares
 * {@code {folder_id_or_name:path}} routes, so the folder identifier may itself contain slashes
 * ({@code /folders/Company/Reports} is the folder {@code /Company/Reports}) and a path such as
 * {@code /folders/A/documents/move} can be read more than one way. {@link #candidates} lists the
 * readings a method allows, the one with the LONGEST folder identifier first; the route takes
 * the first whose folder exists, so folders literally named {@code documents} or {@code move}
 * keep working:
 *
 * <ul>
 *   <li>GET (and HEAD): the whole rest is the folder ({@code get}).</li>
 *   <li>DELETE: the whole rest is the folder ({@code delete}); then, when the rest ends in
 *       {@code /documents/<id>}, the part before it is the folder ({@code remove document}).</li>
 *   <li>POST: when the rest ends in {@code /move}, the part before it ({@code move}); then, when
 *       it ends in {@code /documents/<id>}, the part before that ({@code add document}). A POST
 *       with neither tail has no route (404).</li>
 * </ul>
 *
 * When no reading names an existing folder, the 404 names the folder of the last (shortest)
 * reading, the one an action tail points at.
 *
 * @param action     what to do
 * @param folder     the folder identifier as the client wrote it (path, id or bare name)
 * @param documentId the document of {@link Action#ADD_DOCUMENT}/{@link Action#REMOVE_DOCUMENT}, else null
 */
record FolderTarget(Action action, String folder, String documentId) {

    /** What a request below {@code /folders/} asks for. */
    enum Action { GET, DELETE, MOVE, ADD_DOCUMENT, REMOVE_DOCUMENT }

    // Reluctant prefixes plus anchored tails: "X/documents/documents/d" yields folder "X/documents".
    private static final Pattern MOVE = Pattern.compile("^(.*?)/+move/*$", Pattern.DOTALL);
    private static final Pattern DOCUMENT = Pattern.compile("^(.*?)/+documents/+([^/]+)/*$", Pattern.DOTALL);

    /**
     * @param method {@code GET}, {@code HEAD}, {@code DELETE} or {@code POST}
     * @param rest   the decoded path below {@code /folders/}
     * @return the readings, longest folder identifier first; empty when the method has no route here
     */
    static List<FolderTarget> candidates(String method, String rest) {
        List<FolderTarget> out = new ArrayList<>(2);
        switch (method) {
            case "GET", "HEAD" -> addWhole(out, Action.GET, rest);
            case "DELETE" -> {
                addWhole(out, Action.DELETE, rest);
                addDocument(out, Action.REMOVE_DOCUMENT, rest);
            }
            case "POST" -> {
                Matcher m = MOVE.matcher(rest);
                if (m.matches() && named(m.group(1))) {
                    out.add(new FolderTarget(Action.MOVE, m.group(1), null));
                }
                addDocument(out, Action.ADD_DOCUMENT, rest);
            }
            default -> {
                // no other method has folder routes
            }
        }
        return out;
    }

    private static void addWhole(List<FolderTarget> out, Action action, String rest) {
        if (named(rest)) {
            out.add(new FolderTarget(action, rest, null));
        }
    }

    private static void addDocument(List<FolderTarget> out, Action action, String rest) {
        Matcher m = DOCUMENT.matcher(rest);
        if (m.matches() && named(m.group(1))) {
            out.add(new FolderTarget(action, m.group(1), m.group(2)));
        }
    }

    /** An identifier made only of slashes names nothing (it would be the root). */
    private static boolean named(String identifier) {
        return !identifier.replace("/", "").isBlank();
    }
}
