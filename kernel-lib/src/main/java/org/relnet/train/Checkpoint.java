package org.relnet.train;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A training checkpoint: one zip that DL4J's {@link ModelSerializer} can read as a model
 * (configuration, parameters, updater state) with the trainer's own state added as the entry
 * {@value #STATE_ENTRY} (readable with {@code ModelSerializer.getObjectFromFile(file, "trainer-state")}).
 *
 * <p>Written to a temporary file that is synced and then renamed over the old checkpoint, so a
 * process killed at any moment leaves either the previous or the new checkpoint, never half of one.
 * Plain (non-NIO-channel) streams are used on purpose: NIO channels close themselves when the
 * thread's interrupt flag is set, and the checkpoint written on interrupt is exactly that case.
 */
public final class Checkpoint {
    static final String STATE_ENTRY = "objects/trainer-state";

    /** Where training stood; everything besides the model needed to continue identically. */
    static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        int step;
        int epoch;
        long batchInEpoch;
        double elapsedSeconds;
        double lossSum;
        int lossCount;
        double firstLoss = Double.NaN;
        long seed;
        History history;
    }

    private final ComputationGraph model;
    private final State state;

    private Checkpoint(ComputationGraph model, State state) {
        this.model = model;
        this.state = state;
    }

    public ComputationGraph model() { return model; }
    public int step() { return state.step; }
    public History history() { return state.history; }
    State state() { return state; }

    static void write(Path file, ComputationGraph graph, State state) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ByteArrayOutputStream modelZip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, modelZip, true);
        ByteArrayOutputStream stateBytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(stateBytes)) {
            oos.writeObject(state);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
             ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(fos))) {
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(modelZip.toByteArray()))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry(STATE_ENTRY));
            zip.write(stateBytes.toByteArray());
            zip.closeEntry();
            zip.finish();
            zip.flush();
            fos.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a checkpoint written by the {@link Trainer}; errors name the file and what is wrong. */
    public static Checkpoint read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("checkpoint " + file + " does not exist");
        State state;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(STATE_ENTRY);
            if (e == null) {
                throw new IOException("checkpoint " + file + " has no trainer state (entry " + STATE_ENTRY
                        + "): it is a plain DL4J model file, not a Trainer checkpoint");
            }
            try (InputStream in = zip.getInputStream(e); ObjectInputStream ois = new ObjectInputStream(in)) {
                state = (State) ois.readObject();
            } catch (ClassNotFoundException | ClassCastException ex) {
                throw new IOException("checkpoint " + file + ": trainer state unreadable (" + ex + ")", ex);
            }
        } catch (java.util.zip.ZipException ex) {
            throw new IOException("checkpoint " + file + " is not a valid zip file (truncated or corrupt): " + ex.getMessage(), ex);
        }
        ComputationGraph model;
        try {
            model = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (RuntimeException ex) {
            throw new IOException("checkpoint " + file + ": model unreadable: " + ex.getMessage(), ex);
        }
        return new Checkpoint(model, state);
    }
}
