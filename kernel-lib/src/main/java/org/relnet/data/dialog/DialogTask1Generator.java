package org.relnet.data.dialog;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.relnet.data.babi.BabiLine;
import org.relnet.data.babi.BabiStory;
import org.relnet.data.babi.BabiTask1Generator;

/**
 * Dialog-based LL task 1 ("imitating an expert student") on bAbI task 1: each turn is two
 * statements, the teacher's "Where is X?", the expert student's (correct) answer and the teacher's
 * positive feedback with reward 1. The bAbI stories come from {@link BabiTask1Generator}, so the
 * world logic exists once. Default size: 200 episodes x 6 turns = 1,200 questions per split (the
 * counts public loaders record for the real babi1 task-1 files).
 */
public final class DialogTask1Generator {
    public static final List<String> PRAISE = List.of("Yes, that's right.", "That's correct.", "Correct!",
            "Yes!", "That's right.");
    public static final int TURNS_PER_EPISODE = 6;
    public static final int EPISODES = 200;
    public static final String TRAIN_FILE = "babi1_p0.5_rl1_pure_imitation_train.txt";
    public static final String TEST_FILE = "babi1_p0.5_rl1_pure_imitation_test.txt";

    private final BabiTask1Generator stories;
    private final Random random;

    public DialogTask1Generator(long seed) {
        this.stories = new BabiTask1Generator(seed, TURNS_PER_EPISODE, 2);
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    public List<DialogEpisode> episodes(int questions) {
        List<DialogEpisode> out = new ArrayList<>();
        for (BabiStory story : stories.stories(questions)) out.add(toDialog(story));
        return out;
    }

    /** Renumbers the bAbI lines and puts a feedback line after every answer. */
    private DialogEpisode toDialog(BabiStory story) {
        List<DialogLine> lines = new ArrayList<>();
        int id = 1;
        for (BabiLine l : story.lines()) {
            lines.add(new DialogLine(id++, l.text(), l.isQuestion() ? l.answer() : null, 0));
            if (l.isQuestion()) {
                lines.add(new DialogLine(id++, PRAISE.get(random.nextInt(PRAISE.size())), null, 1));
            }
        }
        return new DialogEpisode(lines, "generated");
    }

    public static void writeTask1(Path dir, long seed, int trainQuestions, int testQuestions) throws IOException {
        List<DialogEpisode> train = new DialogTask1Generator(seed).episodes(trainQuestions);
        List<DialogEpisode> test = new DialogTask1Generator(seed * 31 + 17).episodes(testQuestions);
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted: no dialog files written to " + dir);
        }
        DialogWriter.write(train, dir.resolve(TRAIN_FILE));
        DialogWriter.write(test, dir.resolve(TEST_FILE));
    }
}
