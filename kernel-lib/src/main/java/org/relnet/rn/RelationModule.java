package org.relnet.rn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The Relation Network block {@code sum_{i,j} g_theta(o_i, o_j, q)} as a {@link ComputationGraph} vertex.
 *
 * <p>Inputs: the objects, either a state description {@code [batch, n, d]} or a conv feature map
 * {@code [batch, c, h, w]} (NCHW) whose h*w cells become objects with (x, y) in [-1, 1] appended
 * (d = c + 2); and, if {@link Builder#question(long)} was set, a conditioning vector {@code [batch, k]}.
 * Output: the aggregate {@code [batch, last g width]}; f_phi is ordinary DL4J layers after it.
 *
 * <p>Why a SameDiffVertex subclass with a hand-written implementation ({@link RelationVertex}) instead
 * of a {@code defineVertex} SameDiff graph: DL4J M2.1's SameDiff vertex re-runs the whole forward pass
 * inside backprop (g_theta twice per step) and copies every input; here the forward activations are
 * kept in reused buffers and backprop is a handful of large GEMMs. Subclassing still gives us what
 * {@code GraphBuilder} does for SameDiff vertices: the global updater / regularisation is applied to
 * our parameters and the config round-trips through JSON (so {@code ModelSerializer} checkpoints work).
 *
 * <p>Initialisation (why the last g layer is scaled): every g layer starts He-normal, but with SUM the
 * aggregate adds n*n positive ReLU outputs (625 at 75 px), so f_phi would start with inputs ~n^2 times
 * too large, saturated softmax and a training run that stalls at lr 1e-4. The last g layer's weights are
 * therefore multiplied by 1/(n*n) at init: because ReLU is positively homogeneous, a SUM module then
 * starts out computing exactly the MEAN of the pair outputs (order-1 values), while training still
 * optimises the paper's sum function. With MEAN no scaling is needed.
 *
 * <p>Immutable: build with {@link #builder()}; {@code toBuilder()} derives variants. The mutable fields
 * inherited from SameDiffVertex (updater, regularisation) are filled in by DL4J from the global config.
 */
public final class RelationModule extends SameDiffVertex {

    /** How the pair outputs g_theta(o_i, o_j, q) are combined. */
    public enum Aggregation { SUM, MEAN }

    static final String OBJECTS = "objects";
    static final String QUESTION = "question";
    static final String OBJECT_MASK = "objectMask";

    // Not final: DL4J's JSON mapper restores configs field by field (checkpoints depend on it).
    @JsonProperty private long objectCount;
    @JsonProperty private long objectSize;
    @JsonProperty private long mapChannels;   // > 0 for a conv feature map input
    @JsonProperty private long mapHeight;
    @JsonProperty private long mapWidth;
    @JsonProperty private long questionSize;
    @JsonProperty private int[] gWidths;
    @JsonProperty private Aggregation aggregation;
    // Absent in configs written before it existed: Jackson leaves it false, i.e. every object is real.
    @JsonProperty private boolean objectMask;

    /** For JSON deserialisation only. */
    private RelationModule() {
    }

    private RelationModule(Builder b) {
        this.objectCount = b.objectCount;
        this.objectSize = b.objectSize;
        this.mapChannels = b.mapChannels;
        this.mapHeight = b.mapHeight;
        this.mapWidth = b.mapWidth;
        this.questionSize = b.questionSize;
        this.gWidths = b.gWidths.clone();
        this.aggregation = b.aggregation;
        this.objectMask = b.objectMask;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.objectCount = objectCount;
        b.objectSize = objectSize;
        b.mapChannels = mapChannels;
        b.mapHeight = mapHeight;
        b.mapWidth = mapWidth;
        b.questionSize = questionSize;
        b.gWidths = gWidths.clone();
        b.aggregation = aggregation;
        b.objectMask = objectMask;
        return b;
    }

    /** Number of objects n (cells of the feature map, or rows of the state description). */
    public long objectCount() { return objectCount; }

    /** Features per object d, including the two appended coordinates for a feature map. */
    public long objectSize() { return objectSize; }

    /** Size k of the conditioning vector; 0 when the module is unconditioned. */
    public long questionSize() { return questionSize; }

    @JsonIgnore
    public boolean isFeatureMapInput() { return mapChannels > 0; }

    public long mapChannels() { return mapChannels; }

    public long mapHeight() { return mapHeight; }

    public long mapWidth() { return mapWidth; }

    public int[] gWidths() { return gWidths.clone(); }

    public Aggregation aggregation() { return aggregation; }

    /** True if the module takes a last input marking which objects are real (see {@link Builder#objectMask}). */
    public boolean hasObjectMask() { return objectMask; }

    /** Width of the output (the last g layer). */
    public long outputSize() { return gWidths[gWidths.length - 1]; }

    /** Number of ordered pairs n*n (self pairs included). */
    public long pairCount() { return objectCount * objectCount; }

    // ---------------------------------------------------------------- parameters

    static String wa() { return "g1Wa"; }       // first layer, applied to o_i (no "_": DL4J splits gradient keys at it)

    static String wb() { return "g1Wb"; }       // first layer, applied to o_j

    static String wq() { return "g1Wq"; }       // first layer, applied to q

    static String weight(int layer) { return "g" + layer + "W"; }   // layer >= 2

    static String bias(int layer) { return "g" + layer + "b"; }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        java.util.List<String> in = new java.util.ArrayList<>(java.util.List.of(OBJECTS));
        if (questionSize > 0) {
            in.add(QUESTION);
        }
        if (objectMask) {
            in.add(OBJECT_MASK);
        }
        params.defineInputs(in.toArray(new String[0]));
        params.addWeightParam(wa(), objectSize, gWidths[0]);
        params.addWeightParam(wb(), objectSize, gWidths[0]);
        if (questionSize > 0) {
            params.addWeightParam(wq(), questionSize, gWidths[0]);
        }
        params.addBiasParam(bias(1), 1, gWidths[0]);
        for (int l = 2; l <= gWidths.length; l++) {
            params.addWeightParam(weight(l), gWidths[l - 2], gWidths[l - 1]);
            params.addBiasParam(bias(l), 1, gWidths[l - 1]);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // He-normal on the full first-layer fan-in [o_i; o_j; q]: A, B, C are blocks of one matrix.
        double std1 = Math.sqrt(2.0 / (2 * objectSize + questionSize));
        heNormal(params.get(wa()), std1);
        heNormal(params.get(wb()), std1);
        if (questionSize > 0) {
            heNormal(params.get(wq()), std1);
        }
        for (int l = 2; l <= gWidths.length; l++) {
            heNormal(params.get(weight(l)), Math.sqrt(2.0 / gWidths[l - 2]));
        }
        for (int l = 1; l <= gWidths.length; l++) {
            params.get(bias(l)).assign(0);
        }
        if (aggregation == Aggregation.SUM) {
            // See the class comment: makes the initial sum equal the mean of the pair outputs.
            String last = gWidths.length == 1 ? null : weight(gWidths.length);
            double scale = 1.0 / pairCount();
            if (last != null) {
                params.get(last).muli(scale);
            } else {
                params.get(wa()).muli(scale);
                params.get(wb()).muli(scale);
                if (questionSize > 0) {
                    params.get(wq()).muli(scale);
                }
            }
        }
    }

    private static void heNormal(INDArray w, double std) {
        // Nd4j's RNG is seeded by ComputationGraph.init() from the configuration's seed.
        w.assign(org.nd4j.linalg.factory.Nd4j.randn(w.dataType(), w.shape()).muli(std));
    }

    // ---------------------------------------------------------------- graph vertex contract

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new RelationVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public SDVariable defineVertex(SameDiff sameDiff, Map<String, SDVariable> layerInput,
            Map<String, SDVariable> paramTable, Map<String, SDVariable> maskVars) {
        throw new UnsupportedOperationException(
                "RelationModule is computed by RelationVertex (hand-written forward/backward), not by SameDiff");
    }

    @Override
    public int minVertexInputs() {
        return 1 + (questionSize > 0 ? 1 : 0) + (objectMask ? 1 : 0);
    }

    @Override
    public int maxVertexInputs() {
        return minVertexInputs();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... in) throws InvalidInputTypeException {
        if (in.length != minVertexInputs()) {
            throw new InvalidInputTypeException("RelationModule '" + getName() + "' expects " + minVertexInputs()
                    + " input(s) (objects" + (questionSize > 0 ? ", question" : "") + (objectMask ? ", object mask" : "")
                    + ") but got " + in.length);
        }
        InputType objects = in[0];
        if (isFeatureMapInput()) {
            if (!(objects instanceof InputType.InputTypeConvolutional c)
                    || c.getChannels() != mapChannels || c.getHeight() != mapHeight || c.getWidth() != mapWidth) {
                throw new InvalidInputTypeException("RelationModule '" + getName() + "' was built for a feature map ["
                        + mapChannels + ", " + mapHeight + ", " + mapWidth + "] (c, h, w) but its input is " + objects);
            }
        } else {
            if (!(objects instanceof InputType.InputTypeRecurrent r) || r.getSize() != objectSize
                    || (r.getTimeSeriesLength() > 0 && r.getTimeSeriesLength() != objectCount)) {
                throw new InvalidInputTypeException("RelationModule '" + getName() + "' was built for objects ["
                        + objectCount + ", " + objectSize + "] (n, d), declare the input as InputType.recurrent("
                        + objectSize + ", " + objectCount + ", RNNFormat.NWC); got " + objects);
            }
            if (r.getFormat() != RNNFormat.NWC) {
                throw new InvalidInputTypeException("RelationModule '" + getName() + "': objects are [batch, n, d],"
                        + " declare the input with RNNFormat.NWC (got " + r.getFormat() + ")");
            }
        }
        if (questionSize > 0 && (!(in[1] instanceof InputType.InputTypeFeedForward q) || q.getSize() != questionSize)) {
            throw new InvalidInputTypeException("RelationModule '" + getName() + "' expects a question vector of size "
                    + questionSize + " as 2nd input, got " + in[1]);
        }
        return InputType.feedForward(outputSize());
    }

    @Override
    public RelationModule clone() {
        return VertexConfigs.withSettingsOf(this, toBuilder().build());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RelationModule r) || !super.equals(o)) {
            return false;
        }
        return objectCount == r.objectCount && objectSize == r.objectSize && mapChannels == r.mapChannels
                && mapHeight == r.mapHeight && mapWidth == r.mapWidth && questionSize == r.questionSize
                && Arrays.equals(gWidths, r.gWidths) && aggregation == r.aggregation && objectMask == r.objectMask;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), objectCount, objectSize, mapChannels, questionSize,
                Arrays.hashCode(gWidths), aggregation, objectMask);
    }

    @Override
    public String toString() {
        return "RelationModule(objects=" + objectCount + "x" + objectSize
                + (isFeatureMapInput() ? " from map " + mapChannels + "x" + mapHeight + "x" + mapWidth + "+xy" : "")
                + ", question=" + questionSize + ", g=" + Arrays.toString(gWidths) + ", " + aggregation
                + (objectMask ? ", masked" : "") + ")";
    }

    /** Builder; sizes are required because the parameter shapes and the init scale depend on them. */
    public static final class Builder {
        private long objectCount;
        private long objectSize;
        private long mapChannels;
        private long mapHeight;
        private long mapWidth;
        private long questionSize;
        private int[] gWidths = {256, 256, 256, 256};
        private Aggregation aggregation = Aggregation.SUM;
        private boolean objectMask;

        private Builder() {
        }

        /** State-description input {@code [batch, n, d]}. */
        public Builder objects(long n, long d) {
            this.objectCount = n;
            this.objectSize = d;
            this.mapChannels = 0;
            this.mapHeight = 0;
            this.mapWidth = 0;
            return this;
        }

        /** Conv feature-map input {@code [batch, c, h, w]}: h*w objects of c features plus (x, y). */
        public Builder featureMap(long channels, long height, long width) {
            this.mapChannels = channels;
            this.mapHeight = height;
            this.mapWidth = width;
            this.objectCount = height * width;
            this.objectSize = channels + 2;
            return this;
        }

        /** Conditioning vector size k (e.g. the 11-dim question); 0 = none. */
        public Builder question(long k) {
            this.questionSize = k;
            return this;
        }

        /** Widths of the g_theta layers (all ReLU). */
        public Builder g(int... widths) {
            this.gWidths = widths.clone();
            return this;
        }

        public Builder aggregation(Aggregation a) {
            this.aggregation = Objects.requireNonNull(a, "aggregation");
            return this;
        }

        /**
         * Adds a last input marking real objects: {@code [batch, n]}, or {@code [batch, n, ...]} (an
         * object is real if any entry of its row is non-zero, so a word mask [batch, sentences, words]
         * can be wired in directly). Pairs with a padded object are left out of the aggregate and get
         * no gradient, so padding never changes the output; MEAN divides by the number of real pairs.
         * Text stories have a varying number of sentences, which is why this exists.
         */
        public Builder objectMask(boolean masked) {
            this.objectMask = masked;
            return this;
        }

        public RelationModule build() {
            if (objectMask && mapChannels > 0) {
                throw new IllegalArgumentException("RelationModule: an object mask is for object lists, not feature maps");
            }
            if (objectCount <= 0 || objectSize <= 0) {
                throw new IllegalArgumentException("RelationModule: set objects(n, d) or featureMap(c, h, w)"
                        + " with positive sizes (got n=" + objectCount + ", d=" + objectSize + ")");
            }
            if (questionSize < 0) {
                throw new IllegalArgumentException("RelationModule: question size must be >= 0, got " + questionSize);
            }
            if (gWidths.length == 0 || Arrays.stream(gWidths).anyMatch(w -> w <= 0)) {
                throw new IllegalArgumentException("RelationModule: g needs at least one layer of positive width, got "
                        + Arrays.toString(gWidths));
            }
            return new RelationModule(this);
        }
    }
}
