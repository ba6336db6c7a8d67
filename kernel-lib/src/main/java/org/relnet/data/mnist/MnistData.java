package org.relnet.data.mnist;

/** MNIST's two splits, real or synthetic; {@link #source()} says which. */
public record MnistData(DigitSet train, DigitSet test, String source) {
    /** True for the real MNIST files, false for the generated stand-in. */
    public boolean isReal() {
        return train.isReal();
    }

    /** The first {@code nTrain} / {@code nTest} digits of each split (quick runs). */
    public MnistData first(int nTrain, int nTest) {
        return new MnistData(train.first(nTrain), test.first(nTest), source);
    }

    @Override
    public String toString() {
        return source + ": " + train.size() + " train / " + test.size() + " test digits "
                + train.rows() + "x" + train.cols();
    }
}
