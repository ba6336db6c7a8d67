package org.relnet.rn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;

/** Image + question models: the image size and the conv encoder shared by the visual RN and its baseline. */
public abstract class VisualModelBuilder<B extends VisualModelBuilder<B>> extends ModelBuilder<B> {

    protected int imageSize = 75;
    protected int imageChannels = 3;
    protected ConvStack conv = ConvStack.for75px();

    protected VisualModelBuilder(int[] defaultHidden) {
        super(defaultHidden);
    }

    /** Square images of this side (75 or the paper's 128); pick a matching {@link #conv(ConvStack)}. */
    public B image(int size) {
        this.imageSize = size;
        return self();
    }

    public B imageChannels(int channels) {
        this.imageChannels = channels;
        return self();
    }

    public B conv(ConvStack conv) {
        this.conv = conv;
        return self();
    }

    /** Side of the conv feature map, i.e. sqrt of the number of objects. */
    public long featureMapSize() {
        return conv.outputSize(imageSize);
    }

    /** Declares the inputs (NCHW image, question) and adds the conv encoder; returns its output name. */
    protected String addEncoder(GraphBuilder gb) {
        if (questionSize <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a question vector (size > 0)");
        }
        gb.addInputs(IMAGE, QUESTION);
        gb.setInputTypes(InputType.convolutional(imageSize, imageSize, imageChannels),
                InputType.feedForward(questionSize));
        return conv.addTo(gb, IMAGE, imageChannels, imageSize, imageSize);
    }
}
