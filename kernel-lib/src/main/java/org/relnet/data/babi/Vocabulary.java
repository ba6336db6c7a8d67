package org.relnet.data.babi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Word or answer ids. Ids are assigned in sorted order so the same training data always gives the
 * same ids, whatever order the examples come in.
 * <ul>
 *   <li>{@link #forWords}: id 0 = {@value #PAD} (padding, masked out by the models), id 1 = {@value #UNK}
 *       (any word not seen in training), then the training words;</li>
 *   <li>{@link #forAnswers}: the training answers only; an unknown answer is an error, because a
 *       softmax cannot predict a class it does not have.</li>
 * </ul>
 */
public final class Vocabulary {
    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();
    private final boolean open;

    private Vocabulary(Collection<String> words, boolean open) {
        this.words = List.copyOf(words);
        this.open = open;
        for (int i = 0; i < this.words.size(); i++) ids.put(this.words.get(i), i);
    }

    /** Words of the facts and questions of the given (training) examples. */
    public static Vocabulary forWords(Collection<QaExample> train) {
        TreeSet<String> sorted = new TreeSet<>();
        for (QaExample e : train) {
            for (String f : e.facts()) sorted.addAll(Tokenizer.tokens(f));
            sorted.addAll(Tokenizer.tokens(e.question()));
            sorted.addAll(Tokenizer.tokens(e.answer()));
        }
        List<String> all = new ArrayList<>(List.of(PAD, UNK));
        all.addAll(sorted);
        return new Vocabulary(all, true);
    }

    public static Vocabulary forAnswers(Collection<QaExample> train) {
        TreeSet<String> sorted = new TreeSet<>();
        for (QaExample e : train) sorted.add(e.answer());
        return new Vocabulary(sorted, false);
    }

    /** The id of a word: {@link #UNK}'s id for unseen words; for answers an unseen one throws. */
    public int id(String word) {
        Integer id = ids.get(word);
        if (id != null) return id;
        if (open) return ids.get(UNK);
        throw new IllegalArgumentException("answer '" + word + "' is not among the training answers " + words);
    }

    public boolean contains(String word) { return ids.containsKey(word); }

    public String word(int id) { return words.get(id); }

    public int size() { return words.size(); }

    public List<String> words() { return words; }

    @Override
    public String toString() {
        return (open ? "Vocabulary" : "Answers") + "(" + size() + ") " + words;
    }
}
