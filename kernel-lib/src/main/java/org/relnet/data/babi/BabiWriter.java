package org.relnet.data.babi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Writes stories in the exact bAbI v1.2 layout (question, space, tab, answer, tab, space-separated ids). */
public final class BabiWriter {

    private BabiWriter() {}

    public static String format(List<BabiStory> stories) {
        StringBuilder sb = new StringBuilder();
        for (BabiStory story : stories) {
            for (BabiLine line : story.lines()) {
                sb.append(line.id()).append(' ').append(line.text());
                if (line.isQuestion()) {
                    sb.append(" \t").append(line.answer()).append('\t')
                      .append(line.supportIds().stream().map(String::valueOf).collect(Collectors.joining(" ")));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes to a temporary file first and moves it in place, so a killed process leaves no half file. */
    public static void write(List<BabiStory> stories, Path file) throws IOException {
        writeAtomically(file, format(stories));
    }

    public static void writeAtomically(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
