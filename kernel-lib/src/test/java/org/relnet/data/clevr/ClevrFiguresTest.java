package org.relnet.data.clevr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class ClevrFiguresTest {
    static SortOfClevrDataset data;

    @BeforeAll
    static void data() {
        data = SortOfClevr.builder().imageSize(75).images(500).seed(2).threads(2).build().generate();
    }

    @Test
    void blindGuessIsTheMajorityAnswerAndScoresNearChance() {
        BlindBaseline b = BlindBaseline.of(data.train(), data.test());
        long[][] counts = BlindBaseline.answerCounts(data.train());
        for (Subtype s : Subtype.values()) {
            for (int a = 0; a < Answer.COUNT; a++) assertTrue(counts[s.ordinal()][a] <= counts[s.ordinal()][b.majority(s).ordinal()]);
        }
        // recount one subtype by hand from the test split
        long right = 0, n = 0;
        for (int e = 0; e < data.test().examples(); e++) {
            if (data.test().question(e).subtype() == Subtype.COUNT_SAME_SHAPE) {
                n++;
                if (data.test().answer(e) == b.majority(Subtype.COUNT_SAME_SHAPE)) right++;
            }
        }
        assertEquals((double) right / n, b.accuracy(Subtype.COUNT_SAME_SHAPE), 1e-12);
        assertTrue(b.accuracy(Subtype.COUNT_SAME_SHAPE) < 0.45, "count: " + b.accuracy(Subtype.COUNT_SAME_SHAPE));
        assertTrue(b.accuracy(QuestionType.NON_RELATIONAL) < 0.6, "non-relational " + b.accuracy(QuestionType.NON_RELATIONAL));
        assertTrue(b.overall() < 0.6);
        assertEquals(9, b.toTable().rowCount());
    }

    @Test
    void gridPlacesEnlargedImagesInRows() {
        BufferedImage g = ClevrFigures.grid(data.train(), 0, 5, 3, 2);
        assertEquals(3 * 150 + 4 * 4, g.getWidth());
        assertEquals(2 * 150 + 3 * 4, g.getHeight());
        BufferedImage fourth = data.train().image(3); // row 1, column 0
        SceneObject red = data.train().scene(3).object(Colour.RED);
        assertEquals(fourth.getRGB(red.x(), red.y()) & 0xFFFFFF, g.getRGB(4 + 2 * red.x(), 4 + 154 + 2 * red.y()) & 0xFFFFFF);
        assertEquals(Colour.RED.rgb(), fourth.getRGB(red.x(), red.y()) & 0xFFFFFF);
    }

    @Test
    void cardAndChartsDescribeTheData() {
        String plain = ClevrFigures.card(data.test(), 4).get("text/plain");
        assertTrue(plain.contains(data.test().question(4, 0).toEnglish()) && plain.contains(data.test().question(4, 10).toEnglish()), plain);
        CategoryChart rel = ClevrFigures.answerDistribution(data.train(), QuestionType.RELATIONAL);
        assertEquals(3, rel.getSeriesMap().size());
        assertEquals(8, rel.getSeriesMap().get("count same shape").getXData().size()); // rectangle, circle, 1..6
    }
}
