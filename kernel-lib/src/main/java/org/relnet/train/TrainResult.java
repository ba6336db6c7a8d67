package org.relnet.train;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import tech.tablesaw.api.Table;

/** What a {@link Trainer#fit} call ended with: why it stopped, the curves and the trained model. */
public final class TrainResult {
    /** Why training ended. */
    public enum Status {
        /** All configured steps were done. */
        COMPLETED,
        /** The thread was interrupted (the notebook's stop button); the interrupt flag is still set. */
        INTERRUPTED,
        /** The loss became NaN/infinite or exploded; the model's parameters are not trustworthy. */
        DIVERGED,
        /** A {@link TrainListener} asked to stop. */
        STOPPED_BY_LISTENER
    }

    private final Status status;
    private final String message;
    private final int steps;
    private final History history;
    private final ComputationGraph model;

    TrainResult(Status status, String message, int steps, History history, ComputationGraph model) {
        this.status = status;
        this.message = message;
        this.steps = steps;
        this.history = history;
        this.model = model;
    }

    public Status status() { return status; }
    /** One human-readable sentence about how training ended. */
    public String message() { return message; }
    /** Updates done in total (across resumes). */
    public int steps() { return steps; }
    /** The trained graph (the same object passed to {@code fit}). */
    public ComputationGraph model() { return model; }
    /** Every evaluation, oldest first. */
    public List<EvalPoint> evaluations() { return history.points(); }
    /** The curves as a table: see {@link History#toTable()} for the columns. */
    public Table history() { return history.toTable(); }
    public Optional<EvalPoint> last() { return history.last(); }

    /** Accuracy on {@code set} at the last evaluation (NaN if none happened). */
    public double finalAccuracy(String set) {
        return last().map(p -> p.accuracy(set)).orElse(Double.NaN);
    }

    public double finalAccuracy(String set, String category) {
        return last().map(p -> p.accuracy(set, category)).orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return status + ": " + message;
    }
}
