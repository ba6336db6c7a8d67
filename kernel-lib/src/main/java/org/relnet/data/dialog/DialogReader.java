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
 * whose text may be followed by tab-separated fields {@code answer}, {@code reward} and answer
 * candidates,
 * <pre>
 * 1 Sandra went back to the bathroom.            statement (trailing empty fields allowed)
 * 3 Where is Mary?\tbedroom                       teacher's question and the student's answer
 * 4 That's correct.\t\t1                          teacher's feedback on that answer, with its reward
 * </pre>
 * Ids restart at 1 for a new episode. The line after a question is the teacher's feedback; it is
 * kept on the {@link DialogEpisode.Turn} and left out of the stories. Where the reward sits: on the
 * feedback line, third column (the public ParlAI loader of these files reads it from exactly there,
 * the first line after a labelled question, and attaches it to the next example); a missing or
 * empty reward column means 0. Rewards are 0 or 1 (e.g. task 2 "positive and negative feedback":
 * 1 after a right answer, 0 after "Wrong."). A 4th column (answer candidates, '|'-separated) is
 * accepted and ignored. In task 1 ("imitating an expert student", files
 * {@code babi1_p*_rl1_pure_imitation_{train,dev,test}.txt}) the student is an expert, so the answers
 * are the labels to imitate. Files carry no supporting-fact ids.
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
        if (f.size() > 4) {
            throw line.error(file, "a dialog line has at most 4 tab-separated fields (text, answer, reward, candidates),"
                    + " found " + f.size());
        }
        String text = f.get(0).strip();
        if (text.isEmpty()) throw line.error(file, "line " + line.id() + " has no text");
        String answer = f.size() > 1 ? f.get(1).strip() : "";
        String rewardText = f.size() > 2 ? f.get(2).strip() : "";
        int reward = 0;
        if (!rewardText.isEmpty()) {
            double r;
            try {
                r = Double.parseDouble(rewardText);   // "1" and "1.0" both occur in dbll-derived files
            } catch (NumberFormatException e) {
                throw line.error(file, "reward '" + rewardText + "' is not a number (expected 0 or 1)");
            }
            if (r != 0 && r != 1) throw line.error(file, "reward must be 0 or 1, got " + rewardText);
            reward = (int) r;
        }
        return new DialogLine(line.id(), text, answer.isEmpty() ? null : answer, reward);
    }
}
