package org.relnet.data.clevr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {
    @TempDir
    Path tmp;
    Path dir;
    SortOfClevr config = SortOfClevr.builder().imageSize(75).images(60).seed(5).threads(2).build();

    @BeforeEach
    void write() throws IOException {
        dir = tmp.resolve("soc");
        config.write(dir);
    }

    @Test
    void loadsWhatWasWritten() throws IOException {
        SortOfClevrDataset d = SortOfClevr.load(dir);
        assertTrue(d.config().sameData(config));
        SortOfClevrDataset g = config.generate();
        assertArrayEquals(g.train().images, d.train().images);
        assertArrayEquals(g.test().questions, d.test().questions);
        assertEquals(g.test().scene(3), d.test().scene(3));
    }

    @Test
    void rejectsATruncatedFileNamingIt() throws IOException {
        Path f = dir.resolve("train-images.u8");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100);
        }
        String m = assertThrows(DatasetFormatException.class, () -> SortOfClevr.load(dir)).getMessage();
        assertTrue(m.contains("train-images.u8") && m.contains("truncated"), m);
    }

    @Test
    void rejectsAFlippedByteNamingTheFile() throws IOException {
        Path f = dir.resolve("test-answers.u8");
        byte[] b = Files.readAllBytes(f);
        b[7] ^= 1;
        Files.write(f, b);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SortOfClevr.load(dir));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().contains("test-answers.u8") && e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    }

    @Test
    void rejectsAnotherFormatVersionNamingTheManifest() throws IOException {
        Path m = dir.resolve("manifest.properties");
        Files.writeString(m, Files.readString(m).replace("formatVersion=1", "formatVersion=2"));
        String msg = assertThrows(DatasetFormatException.class, () -> SortOfClevr.load(dir)).getMessage();
        assertTrue(msg.contains("manifest.properties") && msg.contains("formatVersion 2"), msg);
    }

    @Test
    void rejectsAManifestThatDisagreesWithTheFiles() throws IOException {
        Path m = dir.resolve("manifest.properties");
        Files.writeString(m, Files.readString(m).replace("images=60", "images=61"));
        String msg = assertThrows(DatasetFormatException.class, () -> SortOfClevr.load(dir)).getMessage();
        assertTrue(msg.contains("manifest.properties"), msg);
    }

    @Test
    void rejectsADirectoryWithoutManifestAsUnfinished() throws IOException {
        Files.delete(dir.resolve("manifest.properties"));
        String msg = assertThrows(DatasetFormatException.class, () -> SortOfClevr.load(dir)).getMessage();
        assertTrue(msg.contains("manifest.properties") && msg.contains("never completed"), msg);
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws IOException {
        assertThrows(IOException.class, () -> config.write(dir));
        config.toBuilder().seed(6).build().write(dir, true);
        assertEquals(6, SortOfClevr.load(dir).config().seed());
    }

    @Test
    void loadOrGenerateNeverReplacesAForeignDirectory() throws IOException {
        Path foreign = tmp.resolve("mine");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "keep me");
        String msg = assertThrows(IOException.class, () -> config.loadOrGenerate(foreign)).getMessage();
        assertTrue(msg.contains("refusing"), msg);
        assertEquals("keep me", Files.readString(foreign.resolve("notes.txt")));
    }

    @Test
    void loadOrGenerateRepairsADamagedDataset() throws IOException {
        Files.write(dir.resolve("test-images.u8"), "x".getBytes(StandardCharsets.US_ASCII));
        SortOfClevrDataset d = config.loadOrGenerate(dir);
        assertTrue(d.stats().isPresent(), "regenerated");
        assertArrayEquals(config.generate().test().images, d.test().images);
        assertTrue(SortOfClevr.load(dir).stats().isEmpty());
    }
}
