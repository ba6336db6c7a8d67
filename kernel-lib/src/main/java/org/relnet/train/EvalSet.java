package org.relnet.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A named set of labelled examples to measure a classifier on, with optional categories per
 * example so accuracy can be broken down (e.g. relational vs non-relational questions, and the six
 * Sort-of-CLEVR question subtypes as a second grouping). Accuracy compares the arg-max of the
 * graph's output {@code outputIndex} with the arg-max of the one-hot labels.
 *
 * <pre>{@code
 * EvalSet test = EvalSet.builder("test")
 *         .data(features, labels)                       // or .iterator(it, nExamples) for big sets
 *         .categories(isRelational, "non-relational", "relational")
 *         .categories(subtype, "shape", "horizontal", "yes/no", "closest", "furthest", "count")
 *         .build();
 * }</pre>
 * <p>DL4J feature masks (variable-length sequences, e.g. padded sentences) are used in every
 * forward pass: those of each {@link MultiDataSet} an iterator yields, or those given with
 * {@link Builder#data(MultiDataSet)}. Without them a recurrent layer would read the padding.
 */
public final class EvalSet {
    private final String name;
    private final INDArray[] features;
    private final INDArray[] labels;
    private final INDArray[] featureMasks;
    private final MultiDataSetIterator iterator;
    private final long examples;
    private final int batchSize;
    private final int outputIndex;
    private final List<Grouping> groupings;

    private static final class Grouping {
        final int[] perExample;
        final String[] names;

        Grouping(int[] perExample, String[] names) {
            this.perExample = perExample;
            this.names = names;
        }
    }

    private EvalSet(Builder b) {
        this.name = b.name;
        this.features = b.features;
        this.labels = b.labels;
        this.featureMasks = b.featureMasks;
        this.iterator = b.iterator;
        this.examples = b.examples;
        this.batchSize = b.batchSize;
        this.outputIndex = b.outputIndex;
        this.groupings = List.copyOf(b.groupings);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Single-input, single-output set without categories. */
    public static EvalSet of(String name, INDArray features, INDArray labels) {
        return builder(name).data(features, labels).build();
    }

    public String name() { return name; }
    public long size() { return examples; }

    /** All category names, over all groupings, in declaration order. */
    public List<String> categoryNames() {
        List<String> out = new ArrayList<>();
        for (Grouping g : groupings) out.addAll(List.of(g.names));
        return out;
    }

    /** Evaluates {@code graph} on the whole set (inference mode: no dropout, BN running statistics). */
    public EvalResult evaluate(ComputationGraph graph) {
        return evaluate(graph, false);
    }

    /**
     * @param stopOnInterrupt when true, returns null as soon as the thread's interrupt flag is seen
     *                        between batches (the flag stays set)
     */
    EvalResult evaluate(ComputationGraph graph, boolean stopOnInterrupt) {
        LinkedHashMap<String, long[]> cats = new LinkedHashMap<>();
        for (String c : categoryNames()) cats.put(c, new long[2]);
        long seen = 0;
        long correct = 0;
        double lossSum = 0;
        if (iterator != null) iterator.reset();
        for (long start = 0; ; start += batchSize) {
            if (stopOnInterrupt && Thread.currentThread().isInterrupted()) return null;
            INDArray[] f;
            INDArray[] l;
            INDArray[] fm;
            if (iterator != null) {
                if (!iterator.hasNext()) break;
                MultiDataSet mds = iterator.next();
                f = mds.getFeatures();
                l = mds.getLabels();
                fm = mds.getFeaturesMaskArrays();
            } else {
                if (start >= examples) break;
                long end = Math.min(examples, start + batchSize);
                f = rows(features, start, end);
                l = rows(labels, start, end);
                fm = featureMasks == null ? null : rows(featureMasks, start, end);
            }
            long n = l[outputIndex].size(0);
            if (seen + n > examples) {
                throw new IllegalStateException("eval set '" + name + "': iterator yields more than the declared "
                        + examples + " examples");
            }
            INDArray out = graph.output(false, f, fm)[outputIndex];
            lossSum += batchLoss(graph, f, l, fm, out) * n;
            long[] predicted = out.argMax(1).toLongVector();
            long[] actual = l[outputIndex].argMax(1).toLongVector();
            for (int i = 0; i < n; i++) {
                boolean ok = predicted[i] == actual[i];
                if (ok) correct++;
                long ex = seen + i;
                for (Grouping g : groupings) {
                    long[] c = cats.get(g.names[g.perExample[(int) ex]]);
                    c[1]++;
                    if (ok) c[0]++;
                }
            }
            seen += n;
        }
        if (seen != examples) {
            throw new IllegalStateException("eval set '" + name + "': declared " + examples
                    + " examples (one category per example) but the data had " + seen);
        }
        return new EvalResult(name, seen, correct, seen == 0 ? Double.NaN : lossSum / seen, cats);
    }

    /**
     * Mean loss of one batch. Softmax + cross-entropy (the classifiers here) is computed from the
     * output already at hand, as DL4J does (output clipped to [eps, 1-eps]); other heads ask DL4J
     * for the score, which costs a second forward pass.
     */
    private double batchLoss(ComputationGraph graph, INDArray[] f, INDArray[] l, INDArray[] fm, INDArray out) {
        Layer outLayer = graph.getOutputLayer(outputIndex);
        if (graph.getNumOutputArrays() == 1 && outLayer.conf().getLayer() instanceof BaseOutputLayer) {
            BaseOutputLayer conf = (BaseOutputLayer) outLayer.conf().getLayer();
            ILossFunction fn = conf.getLossFn();
            if (fn instanceof LossMCXENT && ((LossMCXENT) fn).getWeights() == null
                    && conf.getActivationFn() instanceof ActivationSoftmax) {
                double eps = ((LossMCXENT) fn).getSoftmaxClipEps();
                INDArray p = Transforms.log(Transforms.min(Transforms.max(out, eps, true), 1 - eps, false), false);
                return -p.muli(l[outputIndex].castTo(p.dataType())).sumNumber().doubleValue() / out.size(0);
            }
        }
        return graph.score(new org.nd4j.linalg.dataset.MultiDataSet(f, l, fm, null), false);
    }

    private static INDArray[] rows(INDArray[] arrays, long start, long end) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i] == null ? null : arrays[i].get(NDArrayIndex.interval(start, end));
        }
        return out;
    }

    public static final class Builder {
        private final String name;
        private INDArray[] features;
        private INDArray[] labels;
        private INDArray[] featureMasks;
        private MultiDataSetIterator iterator;
        private long examples = -1;
        private int batchSize = 256;
        private int outputIndex;
        private final List<Grouping> groupings = new ArrayList<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("an eval set needs a name, e.g. \"test\"");
            this.name = name;
        }

        /** In-memory examples: one array per graph input / output, first dimension = example. */
        public Builder data(INDArray[] features, INDArray[] labels) {
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(labels, "labels");
            long n = labels[0].size(0);
            for (INDArray a : features) check(a.size(0) == n, "features have " + a.size(0) + " rows but labels " + n);
            for (INDArray a : labels) check(a.size(0) == n, "labels arrays differ in rows: " + a.size(0) + " vs " + n);
            this.features = features;
            this.labels = labels;
            this.featureMasks = null;
            this.iterator = null;
            this.examples = n;
            return this;
        }

        public Builder data(INDArray features, INDArray labels) {
            return data(new INDArray[] {features}, new INDArray[] {labels});
        }

        /**
         * In-memory examples with their DL4J feature masks (null entries for unmasked inputs), so
         * padded sequences are evaluated as the trainer fitted them.
         */
        public Builder data(MultiDataSet examples) {
            data(examples.getFeatures(), examples.getLabels());
            INDArray[] masks = examples.getFeaturesMaskArrays();
            if (masks != null) {
                check(masks.length == features.length, "eval set '" + name + "': " + masks.length
                        + " feature masks for " + features.length + " inputs");
                for (INDArray m : masks) {
                    check(m == null || m.size(0) == this.examples, "eval set '" + name + "': a feature mask has "
                            + (m == null ? 0 : m.size(0)) + " rows but there are " + this.examples + " examples");
                }
                this.featureMasks = masks;
            }
            return this;
        }

        /**
         * Examples streamed from an iterator (for sets too big to hold at once). The iterator must
         * yield the same {@code examples} examples in the same order after every reset, so that
         * categories given per example line up.
         */
        public Builder iterator(MultiDataSetIterator it, long examples) {
            check(it.resetSupported(), "the iterator of eval set '" + name + "' must support reset()");
            check(examples > 0, "examples must be > 0");
            this.iterator = it;
            this.features = null;
            this.labels = null;
            this.featureMasks = null;
            this.examples = examples;
            return this;
        }

        /**
         * One grouping of the examples: {@code perExample[i]} is the index into {@code names} of
         * example i's category. Several groupings may be added; names must be unique across them.
         */
        public Builder categories(int[] perExample, String... names) {
            check(names.length > 0, "categories need at least one name");
            Set<String> known = new HashSet<>();
            for (Grouping g : groupings) known.addAll(List.of(g.names));
            for (String n : names) check(known.add(n), "category name '" + n + "' used twice in eval set '" + name + "'");
            for (int i = 0; i < perExample.length; i++) {
                int c = perExample[i];
                if (c < 0 || c >= names.length) {
                    throw new IllegalArgumentException("eval set '" + name + "': example " + i + " has category "
                            + c + " but only " + names.length + " names were given " + List.of(names));
                }
            }
            groupings.add(new Grouping(perExample.clone(), names.clone()));
            return this;
        }

        /** Examples per forward pass (in-memory data only; an iterator brings its own batches). */
        public Builder batchSize(int batchSize) {
            check(batchSize > 0, "batchSize must be > 0");
            this.batchSize = batchSize;
            return this;
        }

        /** Which graph output (and labels array) the accuracy is measured on; default 0. */
        public Builder outputIndex(int index) {
            this.outputIndex = index;
            return this;
        }

        public EvalSet build() {
            check(examples >= 0, "eval set '" + name + "' has no data: call data(...) or iterator(...)");
            for (Grouping g : groupings) {
                check(g.perExample.length == examples, "eval set '" + name + "': categories " + List.of(g.names)
                        + " given for " + g.perExample.length + " examples but the set has " + examples);
            }
            return new EvalSet(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) throw new IllegalArgumentException(message);
        }
    }
}
