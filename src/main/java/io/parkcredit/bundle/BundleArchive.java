package io.parkcredit.bundle;

import io.parkcredit.shared.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * An uploaded bundle opened for reading: a zip of CSV files (at its root or in one folder), a zip
 * holding an .xlsx, or an .xlsx itself, whose sheets carry the file names. Files are read one at a
 * time from disk, never held whole in memory.
 */
final class BundleArchive implements AutoCloseable {

    /** Where one bundle file comes from, and how to open it. */
    record Source(BundleFile file, String origin, Supplier<TableReader> open) {
    }

    private final Map<BundleFile, Source> sources = new LinkedHashMap<>();
    private final List<String> ignored = new ArrayList<>();
    private final List<FieldProblem> problems = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Path> temporaries = new ArrayList<>();

    private final BundleLimits limits;

    private BundleArchive(BundleLimits limits) {
        this.limits = limits;
    }

    static BundleArchive open(Path upload, BundleLimits limits) {
        BundleArchive archive = new BundleArchive(limits);
        try {
            ZipFile zip;
            try {
                zip = new ZipFile(upload.toFile());
            } catch (ZipException e) {
                archive.problems.add(FieldProblem.row("(bundle)", 0, null,
                        "not a zip file or an .xlsx workbook: " + e.getMessage()));
                return archive;
            }
            archive.resources.add(zip);
            // sizes are checked from the zip's directory before a byte is inflated; the streams
            // below enforce them again in case the directory lies
            Optional<FieldProblem> refused = limits.checkDirectory(zip, "(bundle)");
            if (refused.isPresent()) {
                archive.problems.add(refused.get());
                return archive;
            }
            if (zip.getEntry("xl/workbook.xml") != null) {
                archive.addWorkbook(upload, "(workbook)");
            } else {
                archive.addZipEntries(zip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    private void addZipEntries(ZipFile zip) throws IOException {
        var entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String path = entry.getName();
            String base = path.substring(path.lastIndexOf('/') + 1);
            if (entry.isDirectory() || path.startsWith("__MACOSX/") || base.startsWith(".") || base.isEmpty()) {
                continue;
            }
            String lower = base.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                Optional<BundleFile> file = BundleSpec.byName(lower.substring(0, lower.length() - 4));
                if (file.isEmpty()) {
                    ignored.add(path);
                    continue;
                }
                add(new Source(file.get(), path, () -> {
                    try {
                        InputStream in = limits.bounded(zip.getInputStream(entry), entry, path);
                        return TableReader.csv(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            } else if (lower.endsWith(".xlsx")) {
                Path tmp = Files.createTempFile("parkcredit-bundle-", ".xlsx");
                temporaries.add(tmp);
                try (InputStream in = limits.bounded(zip.getInputStream(entry), entry, path)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                try (ZipFile inner = new ZipFile(tmp.toFile())) {
                    Optional<FieldProblem> refused = limits.checkDirectory(inner, path);
                    if (refused.isPresent()) {
                        problems.add(refused.get());
                        continue;
                    }
                } catch (ZipException e) {
                    problems.add(FieldProblem.row(path, 0, null, "unreadable .xlsx workbook: " + e.getMessage()));
                    continue;
                }
                addWorkbook(tmp, path);
            } else {
                ignored.add(path);
            }
        }
    }

    private void addWorkbook(Path file, String origin) throws IOException {
        ReadableWorkbook wb;
        try {
            wb = new ReadableWorkbook(file.toFile());
        } catch (IOException | RuntimeException e) {
            problems.add(FieldProblem.row(origin, 0, null, "unreadable .xlsx workbook: " + e.getMessage()));
            return;
        }
        resources.add(wb);
        for (Sheet sheet : wb.getSheets().toList()) {
            String name = sheet.getName().strip().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                name = name.substring(0, name.length() - 4);
            }
            Optional<BundleFile> spec = BundleSpec.byName(name);
            if (spec.isEmpty()) {
                ignored.add(origin + "#" + sheet.getName());
                continue;
            }
            add(new Source(spec.get(), origin + "#" + sheet.getName(), () -> TableReader.sheet(sheet)));
        }
    }

    private void add(Source source) {
        Source before = sources.putIfAbsent(source.file(), source);
        if (before != null) {
            problems.add(FieldProblem.row(source.file().fileName(), 0, null,
                    "given twice in the bundle: " + before.origin() + " and " + source.origin()));
        }
    }

    Optional<Source> source(BundleFile file) {
        return Optional.ofNullable(sources.get(file));
    }

    List<String> ignored() {
        return ignored;
    }

    List<FieldProblem> problems() {
        return problems;
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignoredOnClose) {
                // closing a read-only file cannot lose data
            }
        }
        for (Path p : temporaries) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignoredOnDelete) {
                // a temporary file left behind is removed by the OS
            }
        }
    }
}
