/**
 * Filter parsing ({@link quire.retrieval.FilterParser}) and in-memory evaluation
 * ({@link quire.retrieval.FilterEvaluator}).
 */
package quire.retrieval;
