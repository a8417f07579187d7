package quire.spi.filter;

import quire.spi.Experimental;

/** The typed comparison operators ({@code $eq $ne $gt $gte $lt $lte}). */
@Experimental
public enum Comparison {
    /** {@code $eq} */
    EQ,
    /** {@code $ne}: the field is present with a non-null value and not {@code $eq} */
    NE,
    /** {@code $gt} */
    GT,
    /** {@code $gte} */
    GTE,
    /** {@code $lt} */
    LT,
    /** {@code $lte} */
    LTE;

    /**
     * @param order the sign of {@code stored.compareTo(operand)}
     * @return whether that order satisfies this operator ({@link #NE} answers as {@link #EQ} negated)
     */
    public boolean accepts(int order) {
        return switch (this) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
        };
    }

    /** @return the SQL operator ({@code =} for {@link #NE} too: NE is rendered as a negated EQ) */
    public String sql() {
        return switch (this) {
            case EQ, NE -> "=";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
        };
    }
}
