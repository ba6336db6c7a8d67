package org.relnet.data.dialog;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.relnet.data.babi.NumberedLine;
import org.relnet.data.babi.QaExample;
import org.relnet.data.babi.TextFormatException;

/**
 * Reads the Dialog-based Language Learning data (Weston 2016, "dbll"): bAbI-style numbered lines
 * with three tab-separated fields,
 * <pre>
 * 1 Sandra went back to the bathroom.\t\t0      statement: empty answer, reward 0
 * 3 Where is Mary?\tbedroom\t0                   teacher's question and the student's answer
 * 4 No, that is incorrect.\t\t0                  teacher's feedback on that answer, reward 0 or 1
 * </pre>
 * Ids restart at 1 for a new episode. The line after a question is the teacher's feedback; it is
 * kept on the {@link DialogEpisode.Turn} and left out of the stories. In task 1 ("imitating an
 * expert student", files {@code babi1_p*_rl1_pure_imitation_{train,dev,test}.txt}) the student is an
 * expert, so the answers are the labels to imitate. Files carry no supporting-fact ids.
 * Malformed lines throw {@link TextFormatException} with file and line.
 */
public final class DialogReader {

    private DialogReader() {}

    public static List<DialogEpisode> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.getFileName().toString(), in);
        }
    }

    public static List<DialogEpisode> read(String name, Reader in) throws IOException {
        List<DialogEpisode> episodes = new ArrayList<>();
        for (List<NumberedLine> raw : NumberedLine.readStories(name, in)) {
            List<DialogLine> lines = new ArrayList<>();
            for (NumberedLine line : raw) lines.add(parseLine(name, line));
            episodes.add(new DialogEpisode(lines, name + ":" + raw.get(0).lineNo()));
        }
        return episodes;
    }

    public static List<DialogEpisode> parse(String name, String content) {
        try {
            return read(name, new StringReader(content));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<QaExample> readExamples(Path file) throws IOException {
        return examples(read(file));
    }

    public static List<QaExample> examples(List<DialogEpisode> episodes) {
        List<QaExample> out = new ArrayList<>();
        for (DialogEpisode e : episodes) out.addAll(e.examples());
        return out;
    }

    private static DialogLine parseLine(String file, NumberedLine line) {
        List<String> f = line.fields();
        if (f.size() != 3) {
            throw line.error(file, "a dialog line needs 3 tab-separated fields (text, answer or empty, reward), found "
                    + f.size());
        }
        String text = f.get(0).strip();
        if (text.isEmpty()) throw line.error(file, "line " + line.id() + " has no text");
        String rewardText = f.get(2).strip();
        int reward;
        try {
            reward = Integer.parseInt(rewardText);
        } catch (NumberFormatException e) {
            throw line.error(file, "reward '" + rewardText + "' is not a number (expected 0 or 1)");
        }
        if (reward != 0 && reward != 1) throw line.error(file, "reward must be 0 or 1, got " + reward);
        String answer = f.get(1).strip();
        return new DialogLine(line.id(), text, answer.isEmpty() ? null : answer, reward);
    }
}
