package org.relnet.kernel.display;

import tech.tablesaw.api.Table;

/** A Tablesaw table as an HTML table: the first and last rows of long tables, cells escaped. */
final class TableHtml {
    static final int HEAD = 15;
    static final int TAIL = 5;

    private TableHtml() {}

    static String of(Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append("<div><table class=\"dataframe\" border=\"1\">");
        if (t.name() != null && !t.name().isBlank()) sb.append("<caption>").append(escape(t.name())).append("</caption>");
        sb.append("<thead><tr>");
        for (String name : t.columnNames()) sb.append("<th>").append(escape(name)).append("</th>");
        sb.append("</tr></thead><tbody>");
        int rows = t.rowCount();
        boolean elide = rows > HEAD + TAIL;
        for (int r = 0; r < rows; r++) {
            if (elide && r == HEAD) {
                sb.append("<tr><td colspan=\"").append(t.columnCount()).append("\">&hellip; ")
                        .append(rows - HEAD - TAIL).append(" more rows &hellip;</td></tr>");
                r = rows - TAIL;
            }
            sb.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) sb.append("<td>").append(escape(t.getString(r, c))).append("</td>");
            sb.append("</tr>");
        }
        sb.append("</tbody></table><p>").append(rows).append(" rows &times; ").append(t.columnCount()).append(" columns</p></div>");
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
