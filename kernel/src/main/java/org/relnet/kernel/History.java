package org.relnet.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

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

    /** The entries a history request asks for. */
    List<HistoryEntry> answer(HistoryRequest request) {
        Set<ResultFlag> flags = request.includeOutput() ? Set.of(ResultFlag.INCLUDE_OUTPUT) : Set.of();
        return switch (request.getAccessType()) {
            case TAIL -> lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search q = (HistoryRequest.Search) request;
                yield search(q.getPattern(), q.getMaxReturnLength(),
                        q.filterUnique() ? Set.of(ResultFlag.UNIQUE) : Set.of());
            }
        };
    }

    /**
     * A history_reply as the protocol has it: {@code {"status": "ok", "history": [[session, line,
     * input], ...]}}. jjava-jupyter 1.0-a6's own {@link HistoryReply} reaches the wire as a list of
     * objects without a status, which JupyterLab's console cannot read (its up-arrow stays empty).
     */
    static final class Reply implements ContentType<Reply> {
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static final MessageType<Reply> TYPE = (MessageType) HistoryReply.MESSAGE_TYPE;

        private final String status = "ok";
        private final List<Object[]> history;

        Reply(List<HistoryEntry> entries) {
            this.history = entries.stream()
                    .map(e -> new Object[] {e.getSession(), e.getCellNumber(), e.getInput()})
                    .toList();
        }

        @Override
        public MessageType<Reply> getType() {
            return TYPE;
        }
    }
}
