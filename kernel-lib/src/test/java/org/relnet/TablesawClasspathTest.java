package org.relnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw's row selections (copy, where, sortOn, dropWhere) run on RoaringBitmap and fastutil 8.
 * DL4J brings fastutil 6.5.7 and, declared first, would win: these calls then fail with
 * AbstractMethodError / NoSuchMethodError. This runs them on kernel-lib's real classpath, so a
 * dependency change that brings the clash back fails here instead of in a notebook.
 */
class TablesawClasspathTest {
    private static Table table() {
        return Table.create("t",
                IntColumn.create("case", 1, 2, 3, 4),
                DoubleColumn.create("acc", 0.9, 0.1, 0.95, 0.5),
                StringColumn.create("status", "COMPLETED", "DIVERGED", "COMPLETED", "COMPLETED"));
    }

    @Test
    void copyIsADeepCopy() {
        Table t = table();
        Table c = t.copy();
        assertNotSame(t.column("acc"), c.column("acc"));
        c.doubleColumn("acc").set(0, 0.0);
        assertEquals(0.9, t.doubleColumn("acc").get(0));
        assertEquals(4, c.rowCount());
    }

    @Test
    void whereSortOnAndDropWhereSelectRows() {
        Table t = table();
        Table good = t.where(t.doubleColumn("acc").isGreaterThan(0.4).and(t.stringColumn("status").isEqualTo("COMPLETED")));
        assertEquals(3, good.rowCount());
        assertEquals(java.util.List.of(3, 1, 4), good.sortDescendingOn("acc").intColumn("case").asList());
        assertEquals(java.util.List.of(2), t.dropWhere(t.doubleColumn("acc").isGreaterThan(0.4)).intColumn("case").asList());
    }
}
