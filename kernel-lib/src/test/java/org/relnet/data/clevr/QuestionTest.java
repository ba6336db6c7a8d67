package org.relnet.data.clevr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuestionTest {
    @Test
    void everyQuestionSurvivesVectorAndCodeRoundTrip() {
        Set<String> vectors = new HashSet<>();
        for (Question q : Question.all()) {
            float[] v = q.toVector();
            assertEquals(3f, v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7] + v[8] + v[9] + v[10], "three ones in " + q);
            assertEquals(q, Question.fromVector(v));
            assertEquals(q, Question.ofCode(q.code()));
            vectors.add(java.util.Arrays.toString(v));
        }
        assertEquals(36, vectors.size(), "36 distinct vectors");
    }

    @Test
    void vectorLayoutIsColourThenTypeThenSubtype() {
        float[] v = new Question(Colour.YELLOW, Subtype.FARTHEST_SHAPE).toVector();
        float[] expected = {0, 0, 0, 0, 1, 0, /* type */ 0, 1, /* subtype */ 0, 1, 0};
        assertTrue(java.util.Arrays.equals(expected, v), java.util.Arrays.toString(v));
    }

    @Test
    void rendersEnglish() {
        assertEquals("What is the shape of the object closest to the yellow object?",
                new Question(Colour.YELLOW, Subtype.CLOSEST_SHAPE).toEnglish());
        assertEquals("Is the green object a circle or a rectangle?", new Question(Colour.GREEN, Subtype.SHAPE).toEnglish());
        assertEquals("How many objects have the same shape as the gray object?",
                new Question(Colour.GRAY, Subtype.COUNT_SAME_SHAPE).toEnglish());
        assertEquals("Is the red object on the top of the image?", new Question(Colour.RED, Subtype.TOP).toEnglish());
    }

    @Test
    void rejectsMalformedVectors() {
        float[] twoColours = new Question(Colour.RED, Subtype.LEFT).toVector();
        twoColours[1] = 1f;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Question.fromVector(twoColours)).getMessage().contains("colour"));
        float[] half = new Question(Colour.RED, Subtype.LEFT).toVector();
        half[9] = 0.5f;
        assertThrows(IllegalArgumentException.class, () -> Question.fromVector(half));
        assertThrows(IllegalArgumentException.class, () -> Question.fromVector(new float[10]));
        assertThrows(IllegalArgumentException.class, () -> Question.ofCode(36));
    }
}
