package quire.server;

/**
 * How far an unfinished re-embed got: every chunk with a storage sequence up to
 * {@code afterSequence} already has a vector of {@code target}.
 *
 * @param target        the model being re-embedded to
 * @param afterSequence the last chunk sequence done (chunks are visited in sequence order)
 * @param done          chunks re-embedded so far, for progress lines
 */
record ReembedProgress(EmbeddingModel target, long afterSequence, long done) {

    /** @return the stored form, {@code <after> <done> <model id>|<dimensions>} */
    String encode() {
        return afterSequence + " " + done + " " + target.encode();
    }

    /**
     * @param stored the stored form
     * @return the progress
     * @throws IllegalArgumentException when {@code stored} is not in that form
     */
    static ReembedProgress parse(String stored) {
        String[] parts = stored.split(" ", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a re-embed progress record: '" + stored + "'");
        }
        try {
            return new ReembedProgress(EmbeddingModel.parse(parts[2]), Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a re-embed progress record: '" + stored + "'", e);
        }
    }
}
