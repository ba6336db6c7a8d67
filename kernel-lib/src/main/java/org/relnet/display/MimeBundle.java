package org.relnet.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * One output as Jupyter sees it: the same content in several MIME types, the front end picks the
 * richest it can show. Binary types (images) are held base64-encoded, as the protocol carries them.
 * Immutable; build with {@link #builder()} or the one-type factories.
 */
public final class MimeBundle {
    public static final String PLAIN = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String LATEX = "text/latex";
    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";
    public static final String JSON = "application/json";

    private final Map<String, String> data;

    private MimeBundle(Map<String, String> data) {
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** MIME type to content, in the order added (richest first is customary). */
    public Map<String, String> data() {
        return data;
    }

    public String get(String mimeType) {
        return data.get(mimeType);
    }

    public static MimeBundle text(String plain) {
        return builder().plain(plain).build();
    }

    public static MimeBundle html(String html, String plainFallback) {
        return builder().html(html).plain(plainFallback).build();
    }

    public static MimeBundle markdown(String markdown) {
        return builder().markdown(markdown).plain(markdown).build();
    }

    public static MimeBundle png(RenderedImage image, String plainFallback) {
        return builder().png(image).plain(plainFallback).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return data.getOrDefault(PLAIN, "MimeBundle" + data.keySet());
    }

    public static final class Builder {
        private final Map<String, String> data = new LinkedHashMap<>();

        private Builder() {}

        public Builder put(String mimeType, String content) {
            data.put(mimeType, content);
            return this;
        }

        public Builder plain(String s) { return put(PLAIN, s); }
        public Builder html(String s) { return put(HTML, s); }
        public Builder markdown(String s) { return put(MARKDOWN, s); }
        public Builder latex(String s) { return put(LATEX, s); }
        public Builder svg(String s) { return put(SVG, s); }
        public Builder json(String s) { return put(JSON, s); }

        public Builder png(RenderedImage image) {
            return put(PNG, base64Png(image));
        }

        public MimeBundle build() {
            if (data.isEmpty()) throw new IllegalStateException("a MimeBundle needs at least one MIME type");
            return new MimeBundle(data);
        }
    }

    /** PNG bytes of an image, base64-encoded as Jupyter expects for image/png. */
    public static String base64Png(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
