/**
 * Sort-of-CLEVR, the visual relational-QA dataset of the Relation Network papers: generator,
 * verified on-disk format, DL4J iterators and notebook figures.
 *
 * <ul>
 * <li>{@link org.relnet.data.clevr.SortOfClevr}: configuration (immutable builder, paper defaults),
 * generation in memory or to disk, loading, command line. Its class comment is the specification;
 * {@code datasets/README.md} documents the files byte by byte.</li>
 * <li>{@link org.relnet.data.clevr.Scene}, {@link org.relnet.data.clevr.SceneObject},
 * {@link org.relnet.data.clevr.Question}, {@link org.relnet.data.clevr.Answer}: the domain; a
 * scene defines the answer to every question.</li>
 * <li>{@link org.relnet.data.clevr.SortOfClevrDataset} / {@link org.relnet.data.clevr.ClevrSplit}:
 * the data of train and test.</li>
 * <li>{@link org.relnet.data.clevr.ClevrIterator}: minibatches (pixels or state descriptions +
 * question -> answer) and evaluation sets with per-type/per-subtype categories.</li>
 * <li>{@link org.relnet.data.clevr.ClevrFigures}, {@link org.relnet.data.clevr.BlindBaseline}: what
 * notebook 02 shows.</li>
 * </ul>
 */
package org.relnet.data.clevr;
