package org.relnet.display;

/**
 * What a notebook front end offers kernel-lib: show an output and replace it later in place.
 * The project's kernel installs one at start-up; a plain Java program has none.
 */
public interface DisplaySink {
    /** Shows the bundle as a new output and returns its display id. */
    String display(MimeBundle bundle);

    /** Replaces the output shown under {@code displayId}. */
    void update(String displayId, MimeBundle bundle);
}
