package org.relnet.data.babi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes bAbI task 1 ("single supporting fact") stories: actors move between locations and we ask
 * where one of them is; the answer is the actor's last location and the supporting fact is the line
 * that moved them there. Same words and layout as the real v1.2 files: each story is 5 rounds of
 * (2 statements, 1 question) = 15 lines; {@code en/} has 1,000 questions per split, {@code en-10k/}
 * 10,000 training questions (its test file keeps 1,000). Seeded: the same seed gives the same file.
 */
public final class BabiTask1Generator {
    public static final List<String> ACTORS = List.of("Mary", "John", "Sandra", "Daniel");
    public static final List<String> LOCATIONS = List.of("bathroom", "hallway", "garden", "office", "bedroom", "kitchen");
    public static final List<String> VERBS = List.of("moved to", "went to", "went back to", "journeyed to", "travelled to");
    public static final String TRAIN_FILE = "qa1_single-supporting-fact_train.txt";
    public static final String TEST_FILE = "qa1_single-supporting-fact_test.txt";

    private final Random random;
    private final int questionsPerStory;
    private final int statementsPerQuestion;

    public BabiTask1Generator(long seed) { this(seed, 5, 2); }

    public BabiTask1Generator(long seed, int questionsPerStory, int statementsPerQuestion) {
        if (questionsPerStory < 1 || statementsPerQuestion < 1) {
            throw new IllegalArgumentException("need at least one question and one statement per round");
        }
        this.random = new Random(seed);
        this.questionsPerStory = questionsPerStory;
        this.statementsPerQuestion = statementsPerQuestion;
    }

    /** Stories holding exactly {@code questions} questions (the last story may be shorter). */
    public List<BabiStory> stories(int questions) {
        List<BabiStory> out = new ArrayList<>();
        int left = questions;
        while (left > 0) {
            if (Thread.currentThread().isInterrupted()) break; // keep what we have; flag stays set
            int n = Math.min(left, questionsPerStory);
            out.add(story(n));
            left -= n;
        }
        return out;
    }

    private BabiStory story(int questions) {
        List<BabiLine> lines = new ArrayList<>();
        Map<String, String> location = new HashMap<>();
        Map<String, Integer> movedAt = new HashMap<>();
        int id = 1;
        for (int q = 0; q < questions; q++) {
            for (int s = 0; s < statementsPerQuestion; s++) {
                String actor = pick(ACTORS);
                String place = pick(LOCATIONS);
                lines.add(BabiLine.statement(id, actor + " " + pick(VERBS) + " the " + place + "."));
                location.put(actor, place);
                movedAt.put(actor, id);
                id++;
            }
            // ask only about actors the story has placed, so every question is answerable
            List<String> known = ACTORS.stream().filter(location::containsKey).toList();
            String actor = pick(known);
            lines.add(BabiLine.question(id, "Where is " + actor + "?", location.get(actor), List.of(movedAt.get(actor))));
            id++;
        }
        return new BabiStory(lines);
    }

    private <T> T pick(List<T> items) { return items.get(random.nextInt(items.size())); }

    /** Sizes of the real v1.2 splits for task 1. */
    public enum Size {
        EN("en", 1_000, 1_000), EN_10K("en-10k", 10_000, 1_000);
        public final String dir;
        public final int trainQuestions;
        public final int testQuestions;

        Size(String dir, int train, int test) {
            this.dir = dir;
            this.trainQuestions = train;
            this.testQuestions = test;
        }
    }

    /**
     * Writes {@code dir/qa1_single-supporting-fact_{train,test}.txt}; train and test come from
     * independent streams derived from the seed so they do not share stories.
     */
    public static void writeTask1(Path dir, long seed, int trainQuestions, int testQuestions) throws IOException {
        List<BabiStory> train = new BabiTask1Generator(seed).stories(trainQuestions);
        List<BabiStory> test = new BabiTask1Generator(seed * 31 + 17).stories(testQuestions);
        if (Thread.currentThread().isInterrupted()) {
            throw new java.io.InterruptedIOException("interrupted: no bAbI files written to " + dir);
        }
        BabiWriter.write(train, dir.resolve(TRAIN_FILE));
        BabiWriter.write(test, dir.resolve(TEST_FILE));
    }
}
