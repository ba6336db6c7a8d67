package org.relnet.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/** This session's executed cells, for Jupyter's history requests (console up-arrow, %history). */
final class History implements HistoryManager {
    private static final int SESSION = 1;
    private final List<HistoryEntry> entries = new ArrayList<>();

    synchronized void add(int cell, String code) {
        entries.add(new HistoryEntry(SESSION, cell, code, null));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - length), entries.size()));
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        return entries.stream().filter(e -> e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)).toList();
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern p = Pattern.compile(glob.replace("?", ".").replace("*", ".*"), Pattern.DOTALL);
        Map<String, HistoryEntry> found = new LinkedHashMap<>();
        for (HistoryEntry e : entries) {
            if (!p.matcher(e.getInput()).matches()) continue;
            if (flags.contains(ResultFlag.UNIQUE)) found.remove(e.getInput());
            found.put(flags.contains(ResultFlag.UNIQUE) ? e.getInput() : e.getCellNumber() + "", e);
        }
        List<HistoryEntry> all = new ArrayList<>(found.values());
        return length > 0 ? all.subList(Math.max(0, all.size() - length), all.size()) : all;
    }
}
