package org.relnet.data.babi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lower-cased word tokens; punctuation is dropped because in bAbI it carries no information
 * (every statement ends with '.', every question with '?', and the model sees which input is which).
 */
public final class Tokenizer {

    private Tokenizer() {}

    public static List<String> tokens(String sentence) {
        List<String> out = new ArrayList<>();
        for (String t : sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }
}
