package org.relnet.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The evaluations of one training run, in order, and their view as a Tablesaw table with columns
 * {@code step, epoch, lr, loss} (mean training mini-batch loss since the previous row), then per
 * eval set S: {@code S_loss, S_acc} and {@code S_acc_<category>} for each category, and last
 * {@code wall_s} (seconds of training so far).
 */
public final class History implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final ArrayList<EvalPoint> points = new ArrayList<>();

    public History(String name) {
        this.name = name;
    }

    public String name() { return name; }

    void add(EvalPoint p) {
        points.add(p);
    }

    public List<EvalPoint> points() {
        return Collections.unmodifiableList(points);
    }

    public Optional<EvalPoint> last() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    /** Column name of a category's accuracy, e.g. {@code test_acc_relational}. */
    public static String accuracyColumn(String set, String category) {
        return set + "_acc_" + category.replaceAll("[^A-Za-z0-9]+", "_");
    }

    public Table toTable() {
        Table t = Table.create(name);
        IntColumn step = IntColumn.create("step");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn loss = DoubleColumn.create("loss");
        t.addColumns(step, epoch, lr, loss);
        if (!points.isEmpty()) {
            for (EvalResult r : points.get(0).results().values()) {
                t.addColumns(DoubleColumn.create(r.set() + "_loss"), DoubleColumn.create(r.set() + "_acc"));
                for (String c : r.categoryNames()) t.addColumns(DoubleColumn.create(accuracyColumn(r.set(), c)));
            }
        }
        DoubleColumn wall = DoubleColumn.create("wall_s");
        t.addColumns(wall);
        for (EvalPoint p : points) {
            step.append(p.step());
            epoch.append(p.epoch());
            lr.append(p.lr());
            loss.append(p.trainLoss());
            for (EvalResult r : p.results().values()) {
                t.doubleColumn(r.set() + "_loss").append(r.loss());
                t.doubleColumn(r.set() + "_acc").append(r.accuracy());
                for (String c : r.categoryNames()) t.doubleColumn(accuracyColumn(r.set(), c)).append(r.accuracy(c));
            }
            wall.append(p.wallSeconds());
        }
        return t;
    }
}
