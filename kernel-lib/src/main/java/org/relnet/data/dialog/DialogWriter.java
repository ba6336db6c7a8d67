package org.relnet.data.dialog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.relnet.data.babi.BabiWriter;

/** Writes episodes in the dbll layout: {@code ID text<TAB>answer-or-empty<TAB>reward}. */
public final class DialogWriter {

    private DialogWriter() {}

    public static String format(List<DialogEpisode> episodes) {
        StringBuilder sb = new StringBuilder();
        for (DialogEpisode e : episodes) {
            for (DialogLine l : e.lines()) {
                sb.append(l.id()).append(' ').append(l.text()).append('\t')
                  .append(l.isQuestion() ? l.answer() : "").append('\t').append(l.reward()).append('\n');
            }
        }
        return sb.toString();
    }

    public static void write(List<DialogEpisode> episodes, Path file) throws IOException {
        BabiWriter.writeAtomically(file, format(episodes));
    }
}
