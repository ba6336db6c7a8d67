package org.relnet.text;

import java.nio.file.Path;

/** The text tests' data: generated bAbI task 1 under a test's temporary folder, fixed seed. */
final class GeneratedTask1 {
    private GeneratedTask1() {}

    static TextQaData load(Path root, int train, int test) {
        return TextQaData.babi().root(root).generatedOnly().generatedSize(train, test).seed(1).quiet().load();
    }
}
