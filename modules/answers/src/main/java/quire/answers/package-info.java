/** Answers over retrieved chunks. */
package quire.answers;
